import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { DEMO_PASSWORD } from '../../demo/load-demo-county.js';
import { type SimulationResult, simulateCountyMonth } from './county-month.js';
import { formatSimulation } from './report.js';

let t: TestApp;
let result: SimulationResult;

/** The month being lived in (China time): the simulation's fake clock runs through it. */
const thisMonthStart = () => {
  const china = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  return new Date(`${china}-01T00:00:00+08:00`);
};

beforeAll(async () => {
  t = await createTestApp({ config: { session: { idleMinutes: 60 * 24 * 45, absoluteHours: 24 * 45 } } });
  result = await simulateCountyMonth(t.app, {
    seed: 7,
    townCode: '320281001',
    gridLimit: 12,
    hardPerGrid: 6,
    easyPerGrid: 5,
    hiders: 2,
    padders: 2,
    monthStart: thisMonthStart(),
    password: DEMO_PASSWORD,
  });
  console.log(formatSimulation(result));
}, 600_000);
afterAll(() => t.close());

describe('the assessment simulation on a small seed (real intake, workflow and assessment)', () => {
  it('flags every planted gaming case, with at most 5 % false flags on honest grids', () => {
    for (const line of result.lines) {
      expect(line.plantedCases, line.kind).toBeGreaterThan(0);
      expect(line.flagged, line.kind).toEqual(line.planted);
      expect(line.flaggedCases, line.kind).toBe(line.plantedCases);
    }
    expect(result.falseFlagRate).toBeLessThanOrEqual(0.05);
    expect(result.falselyFlaggedUnits).toEqual([]);
  });

  it('gaming no longer pays: every planted gamer ranks lower under the fair score than under the report count', () => {
    for (const line of result.lines) {
      for (const rank of line.ranks)
        expect(rank.fairRank, `${line.kind} ${rank.subject}`).toBeGreaterThan(rank.countRank);
    }
  });
});
