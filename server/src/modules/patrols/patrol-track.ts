import type { LineString } from '@yiwang/contracts';
import { haversineMeters } from '@yiwang/contracts';

/** Clock difference between a phone and the server that patrol times may show. */
export const CLOCK_SKEW_MS = 10 * 60_000;
/** Fixes less accurate than this (metres) are stored but left out of distance and drawn track. */
export const MAX_TRACK_ACCURACY_M = 100;
/** A patrol with no fix for this long is left open by a forgotten stop: the next start ends it. */
export const STALE_PATROL_MS = 12 * 3_600_000;

export interface TrackFix {
  at: Date;
  lon: number;
  lat: number;
  accuracyM: number | null;
}

/** Whether a fix is good enough to draw and measure (phones report 5–30 m outdoors, hundreds indoors). */
export const isUsableFix = (fix: Pick<TrackFix, 'accuracyM'>): boolean =>
  fix.accuracyM === null || fix.accuracyM <= MAX_TRACK_ACCURACY_M;

/**
 * Length of a track in metres: the great-circle distance between consecutive usable
 * fixes in time order. `from` is the last usable fix before `fixes` when extending a
 * distance already measured.
 */
export function trackDistance(fixes: readonly TrackFix[], from?: TrackFix): number {
  let total = 0;
  let previous = from && isUsableFix(from) ? from : undefined;
  for (const fix of [...fixes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (!isUsableFix(fix)) continue;
    if (previous) total += haversineMeters([previous.lon, previous.lat], [fix.lon, fix.lat]);
    previous = fix;
  }
  return total;
}

/** The drawn track: usable fixes in time order as a GeoJSON LineString (one fix is drawn as a point-long line). */
export function trackLine(fixes: readonly TrackFix[]): LineString {
  const coordinates = [...fixes]
    .filter(isUsableFix)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((f) => [round6(f.lon), round6(f.lat)]);
  if (coordinates.length === 1) coordinates.push([...(coordinates[0] as number[])]);
  return { type: 'LineString', coordinates };
}

/**
 * Which fixes of a batch fall outside the patrol's time (its start and end, or now while
 * it runs, each widened by the clock skew) or lie in the future: their indexes.
 */
export function fixesOutOfTime(
  times: readonly Date[],
  patrol: { startedAt: Date; endedAt: Date | null },
  now: Date,
): number[] {
  const earliest = patrol.startedAt.getTime() - CLOCK_SKEW_MS;
  const latest = Math.min((patrol.endedAt ?? now).getTime() + CLOCK_SKEW_MS, now.getTime() + CLOCK_SKEW_MS);
  const bad: number[] = [];
  times.forEach((at, i) => {
    const t = at.getTime();
    if (t < earliest || t > latest) bad.push(i);
  });
  return bad;
}

/** Minutes of [start, end) that fall in [from, to). */
export function minutesWithin(start: Date, end: Date, from: Date, to: Date): number {
  const overlap = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
  return overlap > 0 ? overlap / 60_000 : 0;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
