import { describe, expect, it } from 'vitest';
import {
  BATCH_SIZE,
  distanceM,
  formatDuration,
  MAX_ACCURACY_M,
  pointsBatch,
  shouldRecord,
  type TrackPoint,
} from './patrol-logic';

const at = (seconds: number) => new Date(Date.parse('2026-03-02T09:00:00Z') + seconds * 1000).toISOString();
const here = { lon: 120.28, lat: 31.9 };
/** About 11 m north. */
const north = { lon: 120.28, lat: 31.9001 };

describe('track points', () => {
  it('measures distance on the sphere', () => {
    expect(distanceM(here, north)).toBeCloseTo(11.1, 0);
  });

  it('records the first good fix, then on moves of 8 m at most every 5 s, or once a minute standing still', () => {
    const first = { at: at(0), ...here, accuracyM: 10 };
    expect(shouldRecord(null, first)).toBe(true);
    expect(shouldRecord(first, { at: at(3), ...north, accuracyM: 10 })).toBe(false);
    expect(shouldRecord(first, { at: at(6), ...north, accuracyM: 10 })).toBe(true);
    expect(shouldRecord(first, { at: at(30), ...here, accuracyM: 10 })).toBe(false);
    expect(shouldRecord(first, { at: at(61), ...here, accuracyM: 10 })).toBe(true);
  });

  it('drops imprecise fixes (indoors, cell-tower positions)', () => {
    expect(shouldRecord(null, { at: at(0), ...here, accuracyM: MAX_ACCURACY_M + 1 })).toBe(false);
    expect(shouldRecord(null, { at: at(0), ...here, accuracyM: null })).toBe(true);
  });

  it('uploads at most one batch, in recording order, as WGS84', () => {
    const points: TrackPoint[] = Array.from({ length: BATCH_SIZE + 3 }, (_, i) => ({
      seq: i + 1,
      patrolLocalId: 'p',
      at: at(i * 10),
      ...here,
      accuracyM: i === 0 ? null : 4.25,
    }));
    const batch = pointsBatch(points);
    expect(batch).toHaveLength(BATCH_SIZE);
    expect(batch[0]).toEqual({ at: at(0), lon: 120.28, lat: 31.9, crs: 'WGS84' });
    expect(batch[1]).toEqual({ at: at(10), lon: 120.28, lat: 31.9, crs: 'WGS84', accuracyM: 4.3 });
  });

  it('shows the patrol time', () => {
    const start = '2026-03-02T09:00:00Z';
    expect(formatDuration(start, Date.parse(start) + 65_000)).toBe('01:05');
    expect(formatDuration(start, Date.parse(start) + 3_725_000)).toBe('1:02:05');
  });
});
