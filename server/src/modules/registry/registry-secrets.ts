import { blindIndex, decryptSecret, encryptSecret } from '../../platform/crypto.js';
import { maskPhone, phoneIndex } from '../../platform/phone.js';
import { maskIdNumber, normalizeIdNumber } from './domain/id-number.js';

/**
 * Every ID number and phone — the demo's synthetic people too — is sealed under the installation's
 * own secret key (`config.secretKey`): no key in the source can unseal an installation's registry.
 */
const ID_INDEX_LABEL = 'yiwang id-number blind index v1';

export function sealIdNumber(secretKey: Buffer, idNumber: string) {
  const id = normalizeIdNumber(idNumber);
  return {
    idNumberSealed: encryptSecret(secretKey, id),
    idNumberIndex: blindIndex(secretKey, ID_INDEX_LABEL, id),
    idNumberMasked: maskIdNumber(id),
  };
}

export function sealPhone(secretKey: Buffer, phone: string) {
  return { sealed: encryptSecret(secretKey, phone), index: phoneIndex(secretKey, phone), masked: maskPhone(phone) };
}

/** The ID number's blind index (a list: the shape every exact search takes). */
export const idNumberIndexes = (secretKey: Buffer, idNumber: string): string[] => [
  blindIndex(secretKey, ID_INDEX_LABEL, normalizeIdNumber(idNumber)),
];

/**
 * What typed text is, for exact search: an ID number (15 or 18 characters) or a phone (7–11
 * digits) → its blind index; anything else → none (searched as a name or address).
 */
export function exactSearchIndexes(
  secretKey: Buffer,
  q: string,
): { kind: 'id-number' | 'phone' | null; indexes: string[] } {
  const text = q.replace(/[\s-]/g, '');
  if (/^\d{17}[\dXx]$/.test(text) || /^\d{15}$/.test(text))
    return { kind: 'id-number', indexes: idNumberIndexes(secretKey, text) };
  if (/^\d{7,11}$/.test(text)) return { kind: 'phone', indexes: [phoneIndex(secretKey, text)] };
  return { kind: null, indexes: [] };
}

export const unseal = (secretKey: Buffer, sealed: string): string => decryptSecret(secretKey, sealed);
