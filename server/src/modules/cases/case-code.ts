import { pooledRandomBytes } from '../../platform/crypto.js';
import { chinaDayKey } from './domain/work-calendar.js';

/**
 * A case's code as people read it over the phone: YW, the China-local date it was
 * reported, and a number from a database sequence (YW20261123-000123). The number alone
 * is unique; the date helps a caller and a clerk find the case.
 */
export function formatCaseCode(reportedAt: Date, number: number): string {
  return `YW${chinaDayKey(reportedAt).replaceAll('-', '')}-${String(number).padStart(6, '0')}`;
}

/** Crockford's base32: no I, L, O or U, so a key read aloud or copied by hand is not misread. */
const FOLLOW_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FOLLOW_KEY_LENGTH = 8;

/** A report's follow key: 8 random base32 characters (40 bits), e.g. "7KQ2M9XD". */
export function newFollowKey(): string {
  const bytes = pooledRandomBytes(FOLLOW_KEY_LENGTH);
  let key = '';
  // 256 is a multiple of 32, so every character is equally likely.
  for (const byte of bytes) key += FOLLOW_KEY_ALPHABET[byte % 32];
  return key;
}

/**
 * A follow key as typed by a person, in the stored form: case and spaces or dashes do not
 * matter, and the letters Crockford's alphabet leaves out read as the digits they look
 * like (I, L → 1; O → 0). Null when it cannot be a key.
 */
export function normalizeFollowKey(typed: string): string | null {
  const key = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (key.length !== FOLLOW_KEY_LENGTH) return null;
  for (const char of key) if (!FOLLOW_KEY_ALPHABET.includes(char)) return null;
  return key;
}
