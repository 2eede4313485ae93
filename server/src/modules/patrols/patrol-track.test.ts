import { describe, expect, it } from 'vitest';
import { offsetMeters } from '../grids/index.js';
import { fixesOutOfTime, minutesWithin, type TrackFix, trackDistance, trackLine } from './patrol-track.js';

const origin: [number, number] = [120.285, 31.91];
const fix = (minute: number, east: number, north: number, accuracyM: number | null = 8): TrackFix => {
  const [lon, lat] = offsetMeters(origin, east, north);
  return { at: new Date(Date.UTC(2026, 10, 23, 1, minute)), lon, lat, accuracyM };
};

describe('trackDistance', () => {
  it('sums the legs between fixes in time order, whatever order they arrive in', () => {
    const fixes = [fix(2, 100, 100), fix(0, 0, 0), fix(1, 100, 0)];
    expect(trackDistance(fixes)).toBeCloseTo(200, 0);
  });

  it('leaves out fixes of poor accuracy (a phone indoors jumping about)', () => {
    const fixes = [fix(0, 0, 0), fix(1, 500, 500, 350), fix(2, 100, 0)];
    expect(trackDistance(fixes)).toBeCloseTo(100, 0);
  });

  it('extends a measured track from its last fix', () => {
    expect(trackDistance([fix(5, 0, 300)], fix(4, 0, 0))).toBeCloseTo(300, 0);
    expect(trackDistance([])).toBe(0);
  });
});

describe('trackLine', () => {
  it('is a LineString of usable fixes in time order', () => {
    const line = trackLine([fix(1, 100, 0), fix(0, 0, 0), fix(2, 0, 0, 500)]);
    expect(line.type).toBe('LineString');
    expect(line.coordinates).toHaveLength(2);
    expect(line.coordinates[0]?.[0]).toBeLessThan(line.coordinates[1]?.[0] as number);
  });

  it('draws a single fix as a valid line of two equal positions', () => {
    expect(trackLine([fix(0, 0, 0)]).coordinates).toHaveLength(2);
  });
});

describe('fixesOutOfTime', () => {
  const startedAt = new Date('2026-11-23T01:00:00Z');
  const now = new Date('2026-11-23T03:00:00Z');
  it('allows ten minutes of clock skew around the patrol, never more than that past now', () => {
    const times = ['00:51', '00:49', '02:30', '03:09', '03:11'].map((t) => new Date(`2026-11-23T${t}:00Z`));
    expect(fixesOutOfTime(times, { startedAt, endedAt: null }, now)).toEqual([1, 4]);
  });

  it('after the end, only the skew', () => {
    const endedAt = new Date('2026-11-23T02:00:00Z');
    const times = [new Date('2026-11-23T02:09:00Z'), new Date('2026-11-23T02:11:00Z')];
    expect(fixesOutOfTime(times, { startedAt, endedAt }, now)).toEqual([1]);
  });
});

describe('minutesWithin', () => {
  it('counts only the part of a patrol inside the day', () => {
    const day = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-24T00:00:00Z') };
    expect(minutesWithin(new Date('2026-11-22T23:30:00Z'), new Date('2026-11-23T00:45:00Z'), day.from, day.to)).toBe(
      45,
    );
    expect(minutesWithin(new Date('2026-11-22T20:00:00Z'), new Date('2026-11-22T21:00:00Z'), day.from, day.to)).toBe(0);
  });
});
