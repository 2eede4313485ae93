import { INDICATOR_IDS } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { groupFacts } from './groups.js';
import { COUNTY, d, NOVEMBER } from './hand-made-county.test-helpers.js';
import { addCounters, countersOf, emptyCounters, factsAsOf, valuesOf } from './indicator-counters.js';
import { indicatorsOf } from './indicators.js';

/* Counters are the formulas applied case by case and summed: on the hand-made county they must
   give exactly what the formulas give on the whole group (the tests of indicators.test.ts hold
   those values by hand). */
describe('indicator counters', () => {
  const sum = (facts: typeof COUNTY, w = NOVEMBER) =>
    valuesOf(facts.reduce((acc, f) => addCounters(acc, countersOf(f, w)), emptyCounters()));

  it('summed case by case equal the formulas over the whole hand-made county', () => {
    expect(sum(COUNTY)).toEqual(indicatorsOf(COUNTY, NOVEMBER));
  });

  it('equal them per group too, and in a window read before its end', () => {
    const midMonth = { from: d('11-01 00:00'), to: d('12-01 00:00'), asOf: d('11-10 12:00') };
    for (const level of ['grid', 'worker', 'department', 'town'] as const) {
      for (const group of groupFacts(COUNTY, level, new Set(['dept-1', 'dept-2'])).values()) {
        expect(sum(group)).toEqual(indicatorsOf(group, NOVEMBER));
        expect(sum(group, midMonth)).toEqual(indicatorsOf(group, midMonth));
      }
    }
  });

  it('a count keeps no denominator; an empty sum has no rate', () => {
    const values = valuesOf(emptyCounters());
    expect(values.reportCount).toEqual({ numerator: 0, denominator: null, value: 0 });
    for (const id of INDICATOR_IDS.filter((i) => i !== 'reportCount')) expect(values[id].value).toBeNull();
  });

  it('facts as of an instant fold only the events up to it', () => {
    const header = {
      caseId: 'x',
      code: 'X',
      channel: 'worker' as const,
      reporterUserId: 'w',
      matter: null,
      gridCode: 'G1',
      path: 'c/t/m/G1',
      createdAt: d('11-01 08:00'),
    };
    const events = [
      { type: 'registered', at: d('11-01 09:00'), actorUserId: null, details: {} },
      { type: 'closed', at: d('11-03 09:00'), actorUserId: null, details: {} },
    ];
    expect(factsAsOf(header, events, d('11-02 00:00')).closedAt).toBeNull();
    expect(factsAsOf(header, events, d('11-02 00:00')).registeredAt).toEqual(d('11-01 09:00'));
    expect(factsAsOf(header, events, d('11-04 00:00')).closedAt).toEqual(d('11-03 09:00'));
  });
});
