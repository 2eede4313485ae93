import type { LonLatPair as LonLat } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { type DuplicateCandidate, findDuplicates, type ReportForDuplicates, scoreDuplicate } from './duplicates.js';

/** 江阴 city centre, near 澄江街道. */
const ORIGIN: LonLat = [120.2853, 31.9208];
const METERS_PER_DEGREE_LAT = (6_371_008.8 * Math.PI) / 180;
const north = (meters: number): LonLat => [ORIGIN[0], ORIGIN[1] + meters / METERS_PER_DEGREE_LAT];
const east = (meters: number): LonLat => [
  ORIGIN[0] + meters / (METERS_PER_DEGREE_LAT * Math.cos((ORIGIN[1] * Math.PI) / 180)),
  ORIGIN[1],
];

const T0 = new Date('2026-05-12T02:00:00Z');
const hoursLater = (h: number) => new Date(T0.getTime() + h * 3_600_000);

const newReport: ReportForDuplicates = {
  matterCode: 'CG-0301',
  matterCategory: 'urban_management',
  location: ORIGIN,
  reportedAt: T0,
};

const candidate = (caseId: string, over: Partial<DuplicateCandidate>): DuplicateCandidate => ({
  caseId,
  matterCode: 'CG-0301',
  matterCategory: 'urban_management',
  location: ORIGIN,
  reportedAt: T0,
  ...over,
});

describe('scoreDuplicate', () => {
  it('two reports 30 m and 2 h apart of the same matter are confident duplicates', () => {
    const score = scoreDuplicate(newReport, candidate('a', { location: north(30), reportedAt: hoursLater(-2) }));
    expect(score.confidence).toBe('confident');
    expect(score.distanceMeters).toBeCloseTo(30, 3);
    expect(score.hoursApart).toBe(2);
  });

  it('same matter near the edge of the radius is only possible', () => {
    expect(scoreDuplicate(newReport, candidate('a', { location: north(45) })).confidence).toBe('possible');
  });

  it('same matter late in the window is only possible', () => {
    expect(scoreDuplicate(newReport, candidate('a', { reportedAt: hoursLater(-60) })).confidence).toBe('possible');
  });

  it('same matter outside the radius or the window is none', () => {
    expect(scoreDuplicate(newReport, candidate('a', { location: north(51) })).confidence).toBe('none');
    expect(scoreDuplicate(newReport, candidate('a', { reportedAt: hoursLater(-73) })).confidence).toBe('none');
  });

  it('uses the matter rule: 150 m is confident for a 300 m river matter', () => {
    const rule = { radiusMeters: 300, windowHours: 168 };
    const score = scoreDuplicate(
      newReport,
      candidate('a', { location: north(150), reportedAt: hoursLater(-48) }),
      rule,
    );
    expect(score.confidence).toBe('confident');
  });

  it('a different matter of the same category very close is possible', () => {
    const other = candidate('a', { matterCode: 'CG-0302', location: east(10) });
    expect(scoreDuplicate(newReport, other).confidence).toBe('possible');
  });

  it('a different matter of the same category 20 m away is none', () => {
    const other = candidate('a', { matterCode: 'CG-0302', location: east(20) });
    expect(scoreDuplicate(newReport, other).confidence).toBe('none');
  });

  it('a different category is none even on the same spot', () => {
    const other = candidate('a', { matterCode: 'AQ-0101', matterCategory: 'public_safety' });
    expect(scoreDuplicate(newReport, other).confidence).toBe('none');
  });

  it('is symmetric in time: a back-dated report still matches', () => {
    expect(scoreDuplicate(newReport, candidate('a', { reportedAt: hoursLater(3) })).hoursApart).toBe(3);
  });
});

describe('findDuplicates', () => {
  it('sorts confident first, then by distance, and drops non-matches', () => {
    const result = findDuplicates(newReport, [
      candidate('far-possible', { location: north(48) }),
      candidate('none', { location: north(500) }),
      candidate('near-related', { matterCode: 'CG-0302', location: east(5) }),
      candidate('confident-20', { location: east(20), reportedAt: hoursLater(-1) }),
      candidate('confident-10', { location: north(10), reportedAt: hoursLater(-30) }),
    ]);
    expect(result.map((m) => m.candidate.caseId)).toEqual([
      'confident-10',
      'confident-20',
      'near-related',
      'far-possible',
    ]);
  });

  it('applies the rule of the new report’s matter', () => {
    const rules = new Map([['CG-0301', { radiusMeters: 200, windowHours: 72 }]]);
    const result = findDuplicates(newReport, [candidate('a', { location: north(100) })], rules);
    expect(result[0]?.score.confidence).toBe('confident');
  });

  it('returns nothing when there are no candidates', () => {
    expect(findDuplicates(newReport, [])).toEqual([]);
  });
});
