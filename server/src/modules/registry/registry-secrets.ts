import { createHash } from 'node:crypto';
import { blindIndex, decryptSecret, encryptSecret } from '../../platform/crypto.js';
import { maskPhone, phoneIndex } from '../../platform/phone.js';
import { maskIdNumber, normalizeIdNumber } from './domain/id-number.js';

export type SealedWith = 'platform' | 'demo';

/**
 * The demo's synthetic people are sealed under a published key: the demo county is loaded (into
 * test templates too) before any installation's secret exists, and its people are invented. Every
 * record entered through the API is sealed under the platform secret (`sealed_with = 'platform'`).
 */
const DEMO_KEY = createHash('sha256').update('yiwang demo registry: synthetic people only, key published').digest();

const keyOf = (secretKey: Buffer, sealedWith: SealedWith) => (sealedWith === 'demo' ? DEMO_KEY : secretKey);

const ID_INDEX_LABEL = 'yiwang id-number blind index v1';

export function sealIdNumber(secretKey: Buffer, idNumber: string, sealedWith: SealedWith = 'platform') {
  const key = keyOf(secretKey, sealedWith);
  const id = normalizeIdNumber(idNumber);
  return {
    idNumberSealed: encryptSecret(key, id),
    idNumberIndex: blindIndex(key, ID_INDEX_LABEL, id),
    idNumberMasked: maskIdNumber(id),
  };
}

export function sealPhone(secretKey: Buffer, phone: string, sealedWith: SealedWith = 'platform') {
  const key = keyOf(secretKey, sealedWith);
  return { sealed: encryptSecret(key, phone), index: phoneIndex(key, phone), masked: maskPhone(phone) };
}

/** The ID number's blind index under both keys (a demo person and an entered one are found alike). */
export const idNumberIndexes = (secretKey: Buffer, idNumber: string): string[] =>
  (['platform', 'demo'] as const).map((w) =>
    blindIndex(keyOf(secretKey, w), ID_INDEX_LABEL, normalizeIdNumber(idNumber)),
  );

/**
 * What typed text is, for exact search: an ID number (15 or 18 characters) or a phone (7–11
 * digits) → its blind indexes; anything else → none (searched as a name or address).
 */
export function exactSearchIndexes(
  secretKey: Buffer,
  q: string,
): { kind: 'id-number' | 'phone' | null; indexes: string[] } {
  const text = q.replace(/[\s-]/g, '');
  if (/^\d{17}[\dXx]$/.test(text) || /^\d{15}$/.test(text))
    return { kind: 'id-number', indexes: idNumberIndexes(secretKey, text) };
  if (/^\d{7,11}$/.test(text)) {
    return {
      kind: 'phone',
      indexes: (['platform', 'demo'] as const).map((w) => phoneIndex(keyOf(secretKey, w), text)),
    };
  }
  return { kind: null, indexes: [] };
}

export const unseal = (secretKey: Buffer, sealedWith: SealedWith, sealed: string): string =>
  decryptSecret(keyOf(secretKey, sealedWith), sealed);
