import { describe, expect, it } from 'vitest';
import { type GridTotals, parentTotalsAfterImport } from './parent-totals.js';

const grid = (code: string, level: number, parentCode: string | null, households: number, people: number) => ({
  code,
  level,
  parentCode,
  households,
  people,
});
const map = (grids: GridTotals[]) => new Map(grids.map((g) => [g.code, g]));
const current = map([
  grid('T', 1, null, 500, 1500),
  grid('C1', 2, 'T', 300, 900),
  grid('C2', 2, 'T', 200, 600),
  grid('B1', 3, 'C1', 100, 300),
  grid('B2', 3, 'C1', 200, 600),
  grid('B3', 3, 'C2', 200, 600),
]);

describe('parentTotalsAfterImport', () => {
  it('carries a base grid change up to its community and town', () => {
    expect(parentTotalsAfterImport(current, [grid('B1', 3, 'C1', 150, 400)])).toEqual([
      { code: 'C1', households: { from: 300, to: 350 }, people: { from: 900, to: 1000 } },
      { code: 'T', households: { from: 500, to: 550 }, people: { from: 1500, to: 1600 } },
    ]);
  });

  it('moves the counts of a grid that changes parent, and leaves the town alone', () => {
    expect(parentTotalsAfterImport(current, [grid('B2', 3, 'C2', 200, 600)])).toEqual([
      { code: 'C1', households: { from: 300, to: 100 }, people: { from: 900, to: 300 } },
      { code: 'C2', households: { from: 200, to: 400 }, people: { from: 600, to: 1200 } },
    ]);
  });

  it('changes nothing when the counts stay, and keeps a childless parent its own numbers', () => {
    expect(parentTotalsAfterImport(current, [grid('B3', 3, 'C2', 200, 600)])).toEqual([]);
    expect(parentTotalsAfterImport(current, [grid('C3', 2, 'T', 0, 0)])).toEqual([]);
  });
});
