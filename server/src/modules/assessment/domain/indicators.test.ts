import { INDICATOR_COUNTERS, INDICATOR_IDS } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { caseFactsOf } from './case-facts.js';
import { groupFacts } from './groups.js';
import { A, B, COUNTY, d, E, H, NOVEMBER } from './hand-made-county.test-helpers.js';
import { INDICATOR_FORMULAS, indicatorsOf, overdueDays } from './indicators.js';
import { isCalendarDay, periodContaining } from './periods.js';

describe('each formula on the hand-made county, November 2026 (expected values counted by hand)', () => {
  /** The value of a formula without the cases against it (those are checked below). */
  const value = (id: (typeof INDICATOR_IDS)[number], window = NOVEMBER, set = COUNTY) => {
    const { against: _, ...plain } = INDICATOR_FORMULAS[id](set, window);
    return plain;
  };
  const against = (id: (typeof INDICATOR_IDS)[number]) =>
    INDICATOR_FORMULAS[id](COUNTY, NOVEMBER)
      .against.map((f) => f.code)
      .sort();

  it('上报数: reported in November — A B C D E F G', () => {
    expect(value('reportCount')).toEqual({ numerator: 7, denominator: null, value: 7 });
  });
  it('有效上报率: of 7 reports, C (false) and D (duplicate) are not valid → 5/7', () => {
    expect(value('validReportRate')).toEqual({ numerator: 5, denominator: 7, value: 5 / 7 });
  });
  it('立案率: of the 5 valid (A B E F G), G is not registered → 4/5', () => {
    expect(value('registrationRate')).toEqual({ numerator: 4, denominator: 5, value: 4 / 5 });
  });
  it('按期处置率: due in November A B E F H I; first feedback by the due date A B F I → 4/6', () => {
    expect(value('onTimeHandlingRate')).toEqual({ numerator: 4, denominator: 6, value: 4 / 6 });
  });
  it('按期结案率: due 6 − deferred E = 5; closed with the standing feedback on time: A and I → 2/5', () => {
    // B's standing feedback (after rework) was late; F was reopened; H was late.
    expect(value('onTimeClosureRate')).toEqual({ numerator: 2, denominator: 5, value: 2 / 5 });
  });
  it('结案率: registered in November A B E F; closed and still closed A B → 2/4', () => {
    expect(value('closureRate')).toEqual({ numerator: 2, denominator: 4, value: 2 / 4 });
  });
  it('返工率: verifications in November A✓ B✗ B✓ H✓ I✓ → 1/5', () => {
    expect(value('reworkRate')).toEqual({ numerator: 1, denominator: 5, value: 1 / 5 });
  });
  it('推诿率: dispatches in November A B E F; rejected returns E → 1/4', () => {
    expect(value('shirkRate')).toEqual({ numerator: 1, denominator: 4, value: 1 / 4 });
  });
  it('超期率: due and not deferred A B F H I; first feedback late or none: H → 1/5', () => {
    expect(value('overdueRate')).toEqual({ numerator: 1, denominator: 5, value: 1 / 5 });
  });
  it('响应率: 12345 orders in November D E F G; answered within 24 h D (2 h) F (2 h) → 2/4', () => {
    expect(value('responseRate')).toEqual({ numerator: 2, denominator: 4, value: 2 / 4 });
  });
  it('解决率: valid 12345 orders in November E F G; none closed now (F reopened) → 0/3', () => {
    expect(value('resolutionRate')).toEqual({ numerator: 0, denominator: 3, value: 0 });
  });
  it('满意率: 12345 ratings in November F dissatisfied, I basically satisfied (H is not 12345) → 1/2', () => {
    expect(value('satisfactionRate')).toEqual({ numerator: 1, denominator: 2, value: 1 / 2 });
  });
  it('重办率: closed in November A B F H I; reopened afterwards F → 1/5', () => {
    expect(value('reopenRate')).toEqual({ numerator: 1, denominator: 5, value: 1 / 5 });
  });

  it('read mid-month (asOf 11-11 00:00): only A H I are due yet; A and I on time → 2/3', () => {
    const early = { ...NOVEMBER, asOf: d('11-11 00:00') };
    expect(value('onTimeHandlingRate', early)).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    // reports so far: A B C D E F (G comes on the 20th)
    expect(value('reportCount', early).numerator).toBe(6);
  });

  it('the cases against each indicator, by hand: the misses of a rate, the failures of a lower-is-better one', () => {
    expect(against('onTimeHandlingRate')).toEqual(['E', 'H']);
    expect(against('onTimeClosureRate')).toEqual(['B', 'F', 'H']);
    expect(against('validReportRate')).toEqual(['C', 'D']);
    expect(against('reworkRate')).toEqual(['B']);
    expect(against('shirkRate')).toEqual(['E']);
    expect(against('overdueRate')).toEqual(['H']);
    expect(against('satisfactionRate')).toEqual(['F']);
    expect(against('reopenRate')).toEqual(['F']);
    expect(against('responseRate')).toEqual(['E', 'G']);
  });

  it('nothing to count is no value, not zero', () => {
    expect(value('satisfactionRate', NOVEMBER, [A, B])).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('every KPI names a counter-metric other than itself', () => {
    for (const id of INDICATOR_IDS) expect(INDICATOR_COUNTERS[id]).not.toBe(id);
    expect(Object.keys(indicatorsOf(COUNTY, NOVEMBER)).sort()).toEqual([...INDICATOR_IDS].sort());
  });
});

describe('groups and days overdue', () => {
  it('town: 320281001 holds all but I; department dept-2 holds I only; worker worker-1 holds A B H', () => {
    const departments = new Set(['dept-1', 'dept-2']);
    expect([...(groupFacts(COUNTY, 'town', departments).get('320281001') ?? [])].map((f) => f.code)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'G',
      'H',
    ]);
    expect(
      groupFacts(COUNTY, 'department', departments)
        .get('dept-2')
        ?.map((f) => f.code),
    ).toEqual(['I']);
    expect(
      groupFacts(COUNTY, 'worker', departments)
        .get('worker-1')
        ?.map((f) => f.code),
    ).toEqual(['A', 'B', 'H']);
  });

  it('H: due 11-02 10:00, feedback 11-05 09:00 → 2 days 23 hours → 3 days; E: still none on 12-01 → 10 days 14 hours → 11', () => {
    expect(overdueDays(H, NOVEMBER.asOf)).toBe(3);
    expect(overdueDays(E, NOVEMBER.asOf)).toBe(11);
    expect(overdueDays(A, NOVEMBER.asOf)).toBe(0);
  });
});

describe('periods (China time)', () => {
  it('the week of Thursday 2026-11-05 runs Monday 11-02 to Monday 11-09', () => {
    const week = periodContaining('week', '2026-11-05');
    expect(week.firstDay).toBe('2026-11-02');
    expect(week.from).toEqual(d('11-02 00:00'));
    expect(week.to).toEqual(d('11-09 00:00'));
  });
  it('December 2026 ends where January 2027 begins', () => {
    const month = periodContaining('month', '2026-12-15');
    expect(month.from).toEqual(d('12-01 00:00'));
    expect(month.to).toEqual(new Date('2027-01-01T00:00:00+08:00'));
  });
});

describe('facts folded from a case’s events', () => {
  it('redispatch moves the unit and due date; an extension moves it again; a reopening undoes the closure', () => {
    const ev = (
      type: string,
      at: string,
      details: Record<string, unknown> = {},
      actorUserId: string | null = null,
    ) => ({
      type,
      at: d(at),
      actorUserId,
      details,
    });
    const f = caseFactsOf(
      {
        caseId: 'X',
        code: 'X',
        channel: 'hotline',
        reporterUserId: null,
        matter: null,
        gridCode: 'G1',
        path: '320281/320281001',
        createdAt: d('11-01 09:00'),
      },
      [
        ev('reported', '11-01 09:00'),
        ev('registered', '11-01 10:00'),
        ev('dispatched', '11-01 11:00', { unitId: 'u1', handleDueAt: d('11-05 18:00').toISOString() }),
        ev('returned', '11-01 12:00', { unitId: 'u1' }),
        ev('redispatched', '11-01 14:00', { unitId: 'u2', handleDueAt: d('11-06 18:00').toISOString() }),
        ev('accepted', '11-01 15:00', {}, 'handler-2'),
        ev('extension_approved', '11-03 09:00', { newDueAt: d('11-08 18:00').toISOString() }),
        ev('feedback_submitted', '11-07 09:00'),
        ev('verification_passed', '11-07 15:00'),
        ev('closed', '11-07 15:00'),
        ev('rated', '11-08 09:00', { rating: 'dissatisfied' }),
        ev('reopened', '11-08 09:00'),
      ],
    );
    expect(f).toMatchObject({
      unitId: 'u2',
      heldByUserId: 'handler-2',
      dueAt: d('11-08 18:00'),
      firstFeedbackAt: d('11-07 09:00'),
      closedAt: null,
      closures: [d('11-07 15:00')],
      dispatches: [d('11-01 11:00'), d('11-01 14:00')],
      returns: [d('11-01 12:00')],
      ratings: [{ at: d('11-08 09:00'), rating: 'dissatisfied' }],
      reopenings: [d('11-08 09:00')],
    });
  });
});

describe('days the assessment takes', () => {
  it('a real day of a plausible year; not 2026-02-30, not year 9999 (its period would end in year 10000)', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('9999-12-31')).toBe(false);
    expect(isCalendarDay('0000-01-01')).toBe(false);
  });
});
