import { describe, expect, it } from 'vitest';
import { accountabilityFiguresOf, accountableCasesOf } from './accountability.js';
import { A, B, COUNTY, E, H, I, NOVEMBER } from './hand-made-county.test-helpers.js';

describe('accountability of November 2026 on the hand-made county (counted by hand)', () => {
  it('dept-1 (all but I): on time 3 of 5 due (A B F; E none, H late), 1 return (E), 1 rejected, 1 rework (B), 1 overdue (H, 3 days; E deferred), 12345 ratings F ✗ → 0/1', () => {
    const dept1 = COUNTY.filter((f) => f.unitId === 'dept-1');
    expect(accountabilityFiguresOf(dept1, NOVEMBER)).toEqual({
      onTimeHandlingRate: { numerator: 3, denominator: 5, value: 3 / 5 },
      returns: 1,
      rejectedReturns: 1,
      reworks: 1,
      overdueCases: 1,
      overdueDays: 3,
      satisfactionRate: { numerator: 0, denominator: 1, value: 0 },
    });
  });

  it('the list: H overdue 3 days, E a rejected return, B a rework; A and I do not appear', () => {
    const list = accountableCasesOf(COUNTY, NOVEMBER).map((c) => [c.facts.code, c.reason, c.overdueDays, c.times]);
    expect(list).toEqual([
      ['H', 'overdue', 3, 1],
      ['E', 'rejected-return', 0, 1],
      ['B', 'rework', 0, 1],
    ]);
    expect(list.map(([code]) => code)).not.toContain(A.code);
    expect(list.map(([code]) => code)).not.toContain(I.code);
  });

  it('a deferred case is not overdue even with no feedback (E on hold before its due date)', () => {
    expect(accountabilityFiguresOf([E], NOVEMBER).overdueCases).toBe(0);
    expect(accountabilityFiguresOf([B, H], NOVEMBER).overdueCases).toBe(1);
  });
});
