import type { CaseFacts } from './case-facts.js';
import type { IndicatorWindow } from './indicators.js';

/* The hand-made county of the formula tests: nine cases around November 2026, each with what it is for. */
/** A China-time instant in 2026: d('11-05 09:00'). */
export const d = (monthDayTime: string) => new Date(`2026-${monthDayTime.replace(' ', 'T')}:00+08:00`);

export function facts(code: string, over: Partial<CaseFacts>): CaseFacts {
  return {
    caseId: code,
    code,
    channel: 'worker',
    reporterUserId: 'worker-1',
    matter: null,
    reports: [],
    gridCode: 'G1',
    path: '320281/320281001/320281001001/G1',
    unitId: 'dept-1',
    heldByUserId: null,
    reportedAt: d('11-01 08:00'),
    registeredAt: null,
    voidedInvalidAt: null,
    voidedDuplicateAt: null,
    duplicateOfCaseId: null,
    dueAt: null,
    firstFeedbackAt: null,
    lastFeedbackAt: null,
    closedAt: null,
    closures: [],
    heldSince: null,
    dispatches: [],
    returns: [],
    rejectedReturns: [],
    verifications: [],
    ratings: [],
    reopenings: [],
    ...over,
  };
}

/*
 * The hand-made county: nine cases around November 2026. Each line says what it is for.
 */
export const A = facts('A', {
  // worker report, handled and closed on time
  reportedAt: d('11-03 09:00'),
  registeredAt: d('11-03 10:00'),
  dispatches: [d('11-03 11:00')],
  dueAt: d('11-10 18:00'),
  firstFeedbackAt: d('11-08 10:00'),
  lastFeedbackAt: d('11-08 10:00'),
  verifications: [{ at: d('11-09 10:00'), passed: true }],
  closedAt: d('11-09 10:00'),
  closures: [d('11-09 10:00')],
});
export const B = facts('B', {
  // first feedback on time, failed verification, the rework came after the due date
  reportedAt: d('11-04 09:00'),
  registeredAt: d('11-04 10:00'),
  dispatches: [d('11-04 11:00')],
  dueAt: d('11-12 18:00'),
  firstFeedbackAt: d('11-11 10:00'),
  lastFeedbackAt: d('11-14 10:00'),
  verifications: [
    { at: d('11-12 10:00'), passed: false },
    { at: d('11-15 10:00'), passed: true },
  ],
  closedAt: d('11-15 10:00'),
  closures: [d('11-15 10:00')],
});
export const C = facts('C', {
  // a resident's false report
  channel: 'resident',
  reporterUserId: 'resident-1',
  reportedAt: d('11-05 09:00'),
  voidedInvalidAt: d('11-05 11:00'),
});
export const D = facts('D', {
  // a 12345 order recognised as a duplicate two hours later
  channel: 'hotline',
  reporterUserId: null,
  reportedAt: d('11-06 10:00'),
  voidedDuplicateAt: d('11-06 12:00'),
});
export const E = facts('E', {
  // 12345, registered after 48 h, a return rejected, put on hold before its due date (deferred)
  channel: 'hotline',
  reporterUserId: null,
  reportedAt: d('11-07 09:00'),
  registeredAt: d('11-09 09:00'),
  dispatches: [d('11-09 10:00')],
  returns: [d('11-09 15:00')],
  rejectedReturns: [d('11-10 09:00')],
  dueAt: d('11-20 10:00'),
  heldSince: d('11-18 09:00'),
});
export const F = facts('F', {
  // 12345, on time, closed, rated dissatisfied and reopened
  channel: 'hotline',
  reporterUserId: null,
  reportedAt: d('11-08 09:00'),
  registeredAt: d('11-08 11:00'),
  dispatches: [d('11-08 12:00')],
  dueAt: d('11-15 18:00'),
  firstFeedbackAt: d('11-14 10:00'),
  lastFeedbackAt: d('11-14 10:00'),
  verifications: [],
  closedAt: null,
  closures: [d('11-16 10:00')],
  ratings: [{ at: d('11-17 10:00'), rating: 'dissatisfied' }],
  reopenings: [d('11-17 10:00')],
});
export const G = facts('G', {
  // 12345, still waiting to be registered at the month's end
  channel: 'hotline',
  reporterUserId: null,
  reportedAt: d('11-20 09:00'),
});
export const H = facts('H', {
  // October's worker report, due in November, handled three days late
  reportedAt: d('10-28 09:00'),
  registeredAt: d('10-28 10:00'),
  dispatches: [d('10-28 11:00')],
  dueAt: d('11-02 10:00'),
  firstFeedbackAt: d('11-05 09:00'),
  lastFeedbackAt: d('11-05 09:00'),
  verifications: [{ at: d('11-06 09:00'), passed: true }],
  closedAt: d('11-06 09:00'),
  closures: [d('11-06 09:00')],
  ratings: [{ at: d('11-07 09:00'), rating: 'satisfied' }],
});
export const I = facts('I', {
  // October's 12345 order, due, handled and closed in November, rated basically satisfied
  channel: 'hotline',
  reporterUserId: null,
  gridCode: 'G2',
  path: '320281/320281004/320281004001/G2',
  unitId: 'dept-2',
  reportedAt: d('10-30 09:00'),
  registeredAt: d('10-30 10:00'),
  dispatches: [d('10-30 11:00')],
  dueAt: d('11-04 10:00'),
  firstFeedbackAt: d('11-03 09:00'),
  lastFeedbackAt: d('11-03 09:00'),
  verifications: [{ at: d('11-03 15:00'), passed: true }],
  closedAt: d('11-03 15:00'),
  closures: [d('11-03 15:00')],
  ratings: [{ at: d('11-04 09:00'), rating: 'basically_satisfied' }],
});
export const COUNTY = [A, B, C, D, E, F, G, H, I];
export const NOVEMBER: IndicatorWindow = { from: d('11-01 00:00'), to: d('12-01 00:00'), asOf: d('12-01 00:00') };
