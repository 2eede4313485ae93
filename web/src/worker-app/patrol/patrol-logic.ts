import type { TrackPointInput } from '@yiwang/contracts';
import { haversineMeters } from '@yiwang/contracts/vocabulary';

/**
 * A patrol as the phone keeps it. It starts on the phone (the worker may be offline) and
 * learns its server id once POST /api/patrols has answered; track points wait in the
 * `points` store until a batch of them is acknowledged.
 */
export interface LocalPatrol {
  localId: string;
  userId: string;
  /** Null until the server has the patrol. */
  serverId: string | null;
  startedAt: string;
  /** Set when the worker ends it; the patrol stays until the end is acknowledged. */
  endedAt: string | null;
  endAcknowledged: boolean;
  /** Points recorded on this phone. */
  recordedCount: number;
  /** Points the server refused (e.g. outside the patrol's time) and why: shown, not retried. */
  rejected: { count: number; message: string } | null;
}

export interface TrackPoint {
  /** Autoincrement key: the order of recording. */
  seq?: number;
  patrolLocalId: string;
  at: string;
  lon: number;
  lat: number;
  accuracyM: number | null;
}

export const BATCH_SIZE = 500;
/** Fewer points than this wait for more (or for the periodic flush) before an upload. */
export const BATCH_MIN = 10;
/** A new point at least this often while standing still, and on every move of MIN_MOVE_M. */
export const MIN_INTERVAL_MS = 5_000;
export const STILL_INTERVAL_MS = 60_000;
export const MIN_MOVE_M = 8;
/** Fixes worse than this are noise indoors; they would draw spikes on the desk map. */
export const MAX_ACCURACY_M = 150;

/** Meters between two fixes (the shared great-circle distance the server measures tracks with). */
export const distanceM = (a: { lon: number; lat: number }, b: { lon: number; lat: number }): number =>
  haversineMeters([a.lon, a.lat], [b.lon, b.lat]);

/**
 * Whether a GPS fix becomes a track point: precise enough, and either moved or a minute
 * passed. GPS on a phone reports every second; recording all of it would fill the phone
 * and the desk map with jitter.
 */
export function shouldRecord(
  previous: { at: string; lon: number; lat: number } | null,
  fix: { at: string; lon: number; lat: number; accuracyM: number | null },
): boolean {
  if (fix.accuracyM !== null && fix.accuracyM > MAX_ACCURACY_M) return false;
  if (!previous) return true;
  const elapsed = Date.parse(fix.at) - Date.parse(previous.at);
  if (elapsed < MIN_INTERVAL_MS) return false;
  return elapsed >= STILL_INTERVAL_MS || distanceM(previous, fix) >= MIN_MOVE_M;
}

/** The body of POST /api/patrols/:id/points for buffered points (oldest first, at most one batch). */
export function pointsBatch(points: readonly TrackPoint[]): TrackPointInput[] {
  return points.slice(0, BATCH_SIZE).map((p) => ({
    at: p.at,
    lon: p.lon,
    lat: p.lat,
    crs: 'WGS84' as const,
    ...(p.accuracyM === null ? {} : { accuracyM: Math.min(100_000, Math.round(p.accuracyM * 10) / 10) }),
  }));
}

/** "1:05:09" / "12:30" since the start. */
export function formatDuration(fromIso: string, now: number): string {
  const total = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
