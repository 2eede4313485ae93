import { chinaDayKey } from './domain/work-calendar.js';

/**
 * A case's code as people read it over the phone: YW, the China-local date it was
 * reported, and a number from a database sequence (YW20261123-000123). The number alone
 * is unique; the date helps a caller and a clerk find the case.
 */
export function formatCaseCode(reportedAt: Date, number: number): string {
  return `YW${chinaDayKey(reportedAt).replaceAll('-', '')}-${String(number).padStart(6, '0')}`;
}

/** A phone number as most people may see it: the first three and last four digits (138****5678). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
