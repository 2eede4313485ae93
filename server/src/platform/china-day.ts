import { DomainError } from './errors.js';

/** China has one time zone and no daylight saving time: every local day is UTC+08:00. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** The local calendar day (YYYY-MM-DD) of an instant. */
export const chinaDayOf = (at: Date): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The instants of a local day, [from, to). A date that does not exist (2026-02-30) is bad input of `field`. */
export function chinaDayRange(day: string, field = 'date'): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(from.getTime()) || chinaDayOf(from) !== day) {
    throw new DomainError('validation', {}, [{ field, code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  return { from, to: new Date(from.getTime() + DAY_MS) };
}
