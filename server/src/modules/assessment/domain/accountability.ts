import type { AccountabilityReason } from '@yiwang/contracts';
import type { CaseFacts } from './case-facts.js';
import {
  INDICATOR_FORMULAS,
  type IndicatorValue,
  type IndicatorWindow,
  overdueDays,
  shownValue,
} from './indicators.js';
import { isWithin } from './periods.js';

/**
 * The monthly accountability table of departments and towns (seed 003: streets and
 * departments went unassessed, so reported problems were never solved): per unit its
 * on-time handling, returns, rework, overdue cases with days and 12345 satisfaction — the
 * same formulas as the indicator table — and the list of cases behind the bad numbers.
 */
export interface AccountabilityFigures {
  readonly onTimeHandlingRate: IndicatorValue;
  readonly returns: number;
  readonly rejectedReturns: number;
  readonly reworks: number;
  readonly overdueCases: number;
  readonly overdueDays: number;
  readonly satisfactionRate: IndicatorValue;
}

export interface AccountableCaseFacts {
  readonly facts: CaseFacts;
  readonly reason: AccountabilityReason;
  readonly overdueDays: number;
  /** Failed verifications or rejected returns in the month (1 for an overdue case). */
  readonly times: number;
}

const inWindow = (dates: readonly Date[], w: IndicatorWindow) =>
  dates.filter((at) => isWithin(at, w) && at.getTime() <= w.asOf.getTime()).length;

/** The cases of a unit that are due in the month (and judged by asOf), not deferred, and handled late or not at all. */
function overdueOf(facts: readonly CaseFacts[], w: IndicatorWindow): { facts: CaseFacts; days: number }[] {
  return facts
    .filter(
      (f) =>
        f.dueAt !== null &&
        isWithin(f.dueAt, w) &&
        f.dueAt.getTime() <= w.asOf.getTime() &&
        f.voidedInvalidAt === null &&
        f.voidedDuplicateAt === null &&
        !(f.heldSince !== null && f.heldSince.getTime() <= f.dueAt.getTime()),
    )
    .map((f) => ({ facts: f, days: overdueDays(f, w.asOf) }))
    .filter((o) => o.days > 0);
}

export function accountabilityFiguresOf(facts: readonly CaseFacts[], w: IndicatorWindow): AccountabilityFigures {
  const overdue = overdueOf(facts, w);
  return {
    onTimeHandlingRate: shownValue(INDICATOR_FORMULAS.onTimeHandlingRate(facts, w)),
    returns: facts.reduce((n, f) => n + inWindow(f.returns, w), 0),
    rejectedReturns: facts.reduce((n, f) => n + inWindow(f.rejectedReturns, w), 0),
    reworks: facts.reduce(
      (n, f) =>
        n +
        inWindow(
          f.verifications.filter((v) => !v.passed).map((v) => v.at),
          w,
        ),
      0,
    ),
    overdueCases: overdue.length,
    overdueDays: overdue.reduce((n, o) => n + o.days, 0),
    satisfactionRate: shownValue(INDICATOR_FORMULAS.satisfactionRate(facts, w)),
  };
}

/** The cases behind the bad numbers: overdue (most days first), then rejected returns, then rework. */
export function accountableCasesOf(facts: readonly CaseFacts[], w: IndicatorWindow): AccountableCaseFacts[] {
  const overdue = overdueOf(facts, w)
    .sort((a, b) => b.days - a.days || a.facts.code.localeCompare(b.facts.code))
    .map((o): AccountableCaseFacts => ({ facts: o.facts, reason: 'overdue', overdueDays: o.days, times: 1 }));
  const rejected = facts
    .map((f) => ({ f, times: inWindow(f.rejectedReturns, w) }))
    .filter((r) => r.times > 0)
    .map((r): AccountableCaseFacts => ({ facts: r.f, reason: 'rejected-return', overdueDays: 0, times: r.times }));
  const rework = facts
    .map((f) => ({
      f,
      times: inWindow(
        f.verifications.filter((v) => !v.passed).map((v) => v.at),
        w,
      ),
    }))
    .filter((r) => r.times > 0)
    .map((r): AccountableCaseFacts => ({ facts: r.f, reason: 'rework', overdueDays: 0, times: r.times }));
  return [...overdue, ...rejected, ...rework];
}
