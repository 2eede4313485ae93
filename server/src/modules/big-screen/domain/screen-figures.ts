import type { BigScreenRate } from '@yiwang/contracts';

const DAY_MS = 24 * 3_600_000;

/** The `days` China days ending with `today` (YYYY-MM-DD), oldest first. */
export function lastDays(today: string, days: number): string[] {
  const end = new Date(`${today}T00:00:00Z`).getTime();
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** Daily reported/closed counts on every one of `days` (a day with nothing is 0, never missing). */
export function trendOf(
  days: readonly string[],
  reported: readonly { day: string; n: number }[],
  closed: readonly { day: string; n: number }[],
): { day: string; reported: number; closed: number }[] {
  const r = new Map(reported.map((x) => [x.day, x.n]));
  const c = new Map(closed.map((x) => [x.day, x.n]));
  return days.map((day) => ({ day, reported: r.get(day) ?? 0, closed: c.get(day) ?? 0 }));
}

/** Several groups' rate values summed into one rate (value null when nothing counts). */
export function sumRates(values: readonly { numerator: number; denominator: number | null }[]): BigScreenRate {
  const numerator = values.reduce((n, v) => n + v.numerator, 0);
  const denominator = values.reduce((n, v) => n + (v.denominator ?? 0), 0);
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/**
 * Whether a screen's read is audited now: the first read of a viewer, then at most once per
 * `everyMs` (a wall re-reads within seconds of every change; one row per read would bury the
 * log). `seen` holds each viewer's last audited read and is kept below `maxViewers` entries.
 */
export function shouldAudit(
  seen: Map<string, number>,
  viewer: string,
  now: number,
  everyMs: number,
  maxViewers = 1000,
): boolean {
  const last = seen.get(viewer);
  if (last !== undefined && now - last < everyMs) return false;
  if (seen.size >= maxViewers) {
    for (const [key, at] of seen) if (now - at >= everyMs) seen.delete(key);
    if (seen.size >= maxViewers) seen.clear();
  }
  seen.set(viewer, now);
  return true;
}
