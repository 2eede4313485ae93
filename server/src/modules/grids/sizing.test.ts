import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from './geometry/index.js';
import { assessSizing, DEFAULT_SIZING_STANDARD, neighboursOf, type SizedGrid, sizeStatus } from './sizing.js';

/** A unit square at column x of a row of squares (neighbours share an edge). */
const square = (x: number, y = 0): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [120 + x * 0.01, 31 + y * 0.01],
      [120.01 + x * 0.01, 31 + y * 0.01],
      [120.01 + x * 0.01, 31.01 + y * 0.01],
      [120 + x * 0.01, 31.01 + y * 0.01],
      [120 + x * 0.01, 31 + y * 0.01],
    ],
  ],
});
const grid = (code: string, x: number, households: number, people: number, y = 0): SizedGrid => ({
  code,
  name: code,
  nameEn: code,
  parentCode: 'P',
  households,
  people,
  geometry: square(x, y),
});

describe('sizeStatus', () => {
  it.each([
    [250, 750, 'ok'],
    [350, 800, 'ok'], // people within range
    [350, 1200, 'too-large'],
    [150, 700, 'ok'], // people within range
    [120, 400, 'too-small'],
  ])('%i households, %i people → %s', (households, people, status) => {
    expect(sizeStatus({ households, people }, DEFAULT_SIZING_STANDARD)).toBe(status);
  });
});

describe('neighboursOf', () => {
  it('finds siblings sharing an edge, and falls back to the nearest when none touch', () => {
    const a = grid('A', 0, 1, 1);
    const b = grid('B', 1, 1, 1);
    const c = grid('C', 2, 1, 1);
    expect(
      neighboursOf(b, [a, b, c])
        .map((g) => g.code)
        .sort(),
    ).toEqual(['A', 'C']);
    expect(neighboursOf(a, [a, b, c]).map((g) => g.code)).toEqual(['B']);
    const far = grid('F', 10, 1, 1, 10);
    expect(neighboursOf(far, [a, b, c, far]).map((g) => g.code)).toEqual(['C']);
  });
});

describe('assessSizing', () => {
  it('lists grids to split and to merge, with the neighbour to merge into, and staffing needs', () => {
    const grids = [
      grid('A', 0, 260, 780),
      grid('B', 1, 90, 250), // too small: neighbours A (260) and C (120)
      grid('C', 2, 120, 500), // too small too: neighbours B (90) and D
      grid('D', 3, 700, 2100), // too large
    ];
    const result = assessSizing(
      grids,
      new Map([
        ['A', 1],
        ['B', 1],
        ['C', 1],
      ]),
    );
    const byCode = Object.fromEntries(result.map((r) => [r.code, r]));
    expect(byCode.A).toMatchObject({ status: 'ok', splitInto: null, mergeInto: null, workers: 1, workersNeeded: 1 });
    expect(byCode.B?.status).toBe('too-small');
    expect(byCode.B?.mergeInto?.code).toBe('C');
    expect(byCode.C?.mergeInto?.code).toBe('B');
    expect(byCode.D).toMatchObject({ status: 'too-large', splitInto: 3, workers: 0, workersNeeded: 3 });
  });
});
