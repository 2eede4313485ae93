import { createHmac, hkdfSync } from 'node:crypto';
import { MAINLAND_MOBILE_PATTERN } from '@yiwang/contracts';

const MOBILE = new RegExp(MAINLAND_MOBILE_PATTERN);

/** A mainland mobile number (11 digits, 1[3-9]…), as residents sign in with it. */
export const isMainlandMobile = (value: string): boolean => MOBILE.test(value);

/** A phone number as most people may see it: the first three and last four digits (138****5678). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const indexKeys = new WeakMap<Buffer, Buffer>();

/**
 * A blind index of a phone number: HMAC-SHA256 under a key derived from the platform
 * secret (never the sealing key itself), so an account can be found by its phone while
 * the table holds only the sealed number and this digest. Without the secret a leaked
 * table does not give the numbers back, even to someone trying every mobile number.
 */
export function phoneIndex(secretKey: Buffer, phone: string): string {
  let key = indexKeys.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'yiwang phone blind index v1', 32));
    indexKeys.set(secretKey, key);
  }
  return createHmac('sha256', key).update(phone.replace(/\D/g, '')).digest('hex');
}
