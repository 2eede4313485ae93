import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { simulateAssessment } from './assessment-simulation.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the assessment simulation on a small seed', () => {
  it('flags every kind of planted gaming, no honest grid, and the hider ranks lower by fair score than by count', async () => {
    const result = await simulateAssessment((u, p) => t.login(u, p), { seed: 7, grids: 6, hiders: 1 });
    const { hiddenHard, padding, departmentDelay, rubberStamp } = result.planted;
    expect(hiddenHard.gridsFlagged, JSON.stringify(result)).toBe(hiddenHard.grids);
    expect(hiddenHard.casesFlagged).toBe(hiddenHard.cases);
    expect(padding.casesFlagged, JSON.stringify(result)).toBe(padding.cases);
    expect(departmentDelay.unitsFlagged).toBe(1);
    expect(departmentDelay.casesFlagged).toBe(departmentDelay.cases);
    expect(rubberStamp.findings).toBeGreaterThanOrEqual(3);
    expect(rubberStamp.inspectorsFlagged).toBe(1);
    expect(result.falseFlags.rate, JSON.stringify(result.falseFlags)).toBeLessThanOrEqual(0.05);
    expect(result.falseFlags.honestUnitsFlagged).toBe(0);
    expect(result.falseFlags.honestInspectorsFlagged).toBe(0);
    for (const r of result.ranks) expect(r.fairRank).toBeGreaterThan(r.countRank);
  }, 300_000);
});
