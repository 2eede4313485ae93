/**
 * The resident identity card number (居民身份证号码) of GB 11643-1999: 6 digits of the
 * region of first registration, 8 of the birth date, 3 of a sequence (odd for men, even for
 * women) and a check character by ISO 7064 MOD 11-2 (0–9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

/** The check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/** Upper-case, without spaces: the form we seal and index (a lower-case x is the same number). */
export const normalizeIdNumber = (value: string): string => value.replace(/\s/g, '').toUpperCase();

export type IdNumberProblem = 'shape' | 'birth-date' | 'check-digit';

/** Why a number is no valid ID number, or null when it is one. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const id = normalizeIdNumber(value);
  if (!SHAPE.test(id)) return 'shape';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'birth-date';
  }
  return idCheckCharacter(id.slice(0, 17)) === id[17] ? null : 'check-digit';
}

/** The birth date (YYYY-MM-DD) and sex a valid ID number carries. */
export function idNumberFacts(value: string): { birthDate: string; sex: 'male' | 'female' } {
  const id = normalizeIdNumber(value);
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** What most readers see: region and check character only (320281**********1X → 3202**********12X). */
export function maskIdNumber(value: string): string {
  const id = normalizeIdNumber(value);
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 7)}${id.slice(-3)}`;
}

/** A valid number for a region, birth date (YYYYMMDD), sequence (0–999) — for demo and test data. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode.slice(0, 6)}${birthDate}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}
