import { MAINLAND_MOBILE_PATTERN } from '@yiwang/contracts';
import { blindIndex } from './crypto.js';

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

/**
 * A blind index of a phone number (`blindIndex` of its digits), so an account or a person can
 * be found by their phone while the table holds only the sealed number and this digest.
 */
export const phoneIndex = (secretKey: Buffer, phone: string): string =>
  blindIndex(secretKey, 'yiwang phone blind index v1', phone.replace(/\D/g, ''));
