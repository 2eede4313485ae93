import { INDICATOR_IDS, type IndicatorId } from '@yiwang/contracts';
import type { CaseFacts } from './case-facts.js';
import { isWithin } from './periods.js';

/**
 * The assessment indicators, each written once (docs/assessment-indicators.md says the same
 * in words): which cases or events count in the denominator, which of them in the
 * numerator, what is excluded. Every formula is pure over case facts, a period [from, to)
 * and `asOf` (now, or the period's end if past): what has not happened by `asOf` has not
 * happened, and a due date after `asOf` cannot be judged yet.
 */

export interface IndicatorWindow {
  readonly from: Date;
  readonly to: Date;
  /** The instant the facts are read at: min(now, to). */
  readonly asOf: Date;
}

/** A rate's numerator and denominator (value null when nothing counts), or a count (denominator null). */
export interface IndicatorValue {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
}

/** A formula: the indicator's value over a group of cases. Names, counter-metrics and direction: the vocabulary. */
export type IndicatorFormula = (facts: readonly CaseFacts[], window: IndicatorWindow) => IndicatorValue;

/** How long a 12345 work order may wait to be answered (registered, or recognised as a duplicate). */
export const HOTLINE_RESPONSE_MS = 24 * 3_600_000;

const rate = (numerator: number, denominator: number): IndicatorValue => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});
const happened = (at: Date | null, window: IndicatorWindow): at is Date =>
  at !== null && at.getTime() <= window.asOf.getTime();
const countWithin = (dates: readonly Date[], window: IndicatorWindow) =>
  dates.filter((at) => isWithin(at, window) && at.getTime() <= window.asOf.getTime()).length;

const reportedIn = (facts: readonly CaseFacts[], w: IndicatorWindow) =>
  facts.filter((f) => isWithin(f.reportedAt, w) && f.reportedAt.getTime() <= w.asOf.getTime());
/** A report of a true new problem: not voided, neither as invalid nor as a duplicate (by asOf). */
const isValidReport = (f: CaseFacts, w: IndicatorWindow) =>
  !happened(f.voidedInvalidAt, w) && !happened(f.voidedDuplicateAt, w);
/** Cases whose handling fell due in the window, by asOf, and were not voided: the cases that can be judged. */
const dueIn = (facts: readonly CaseFacts[], w: IndicatorWindow) =>
  facts.filter(
    (f) =>
      f.dueAt !== null &&
      isWithin(f.dueAt, w) &&
      f.dueAt.getTime() <= w.asOf.getTime() &&
      !happened(f.voidedInvalidAt, w) &&
      !happened(f.voidedDuplicateAt, w),
  );
/** Officially deferred: on hold (a command-center decision with a reason) when its due date passed. */
const isDeferred = (f: CaseFacts) =>
  f.heldSince !== null && f.dueAt !== null && f.heldSince.getTime() <= f.dueAt.getTime();
const onOrBefore = (at: Date | null, limit: Date | null, w: IndicatorWindow) =>
  happened(at, w) && limit !== null && at.getTime() <= limit.getTime();
const hotline = (facts: readonly CaseFacts[]) => facts.filter((f) => f.channel === 'hotline');

export const INDICATOR_FORMULAS: Readonly<Record<IndicatorId, IndicatorFormula>> = {
  reportCount: (facts, w) => ({
    numerator: reportedIn(facts, w).length,
    denominator: null,
    value: reportedIn(facts, w).length,
  }),
  validReportRate: (facts, w) => {
    const reports = reportedIn(facts, w);
    return rate(reports.filter((f) => isValidReport(f, w)).length, reports.length);
  },
  registrationRate: (facts, w) => {
    const valid = reportedIn(facts, w).filter((f) => isValidReport(f, w));
    return rate(valid.filter((f) => happened(f.registeredAt, w)).length, valid.length);
  },
  onTimeHandlingRate: (facts, w) => {
    const due = dueIn(facts, w);
    return rate(due.filter((f) => onOrBefore(f.firstFeedbackAt, f.dueAt, w)).length, due.length);
  },
  onTimeClosureRate: (facts, w) => {
    const judged = dueIn(facts, w).filter((f) => !isDeferred(f));
    const onTime = judged.filter((f) => happened(f.closedAt, w) && onOrBefore(f.lastFeedbackAt, f.dueAt, w));
    return rate(onTime.length, judged.length);
  },
  closureRate: (facts, w) => {
    const registered = facts.filter((f) => isWithin(f.registeredAt, w) && happened(f.registeredAt, w));
    return rate(registered.filter((f) => happened(f.closedAt, w)).length, registered.length);
  },
  reworkRate: (facts, w) => {
    const checks = facts.flatMap((f) => f.verifications.filter((v) => isWithin(v.at, w) && happened(v.at, w)));
    return rate(checks.filter((v) => !v.passed).length, checks.length);
  },
  shirkRate: (facts, w) =>
    rate(
      facts.reduce((n, f) => n + countWithin(f.rejectedReturns, w), 0),
      facts.reduce((n, f) => n + countWithin(f.dispatches, w), 0),
    ),
  overdueRate: (facts, w) => {
    const judged = dueIn(facts, w).filter((f) => !isDeferred(f));
    return rate(judged.filter((f) => !onOrBefore(f.firstFeedbackAt, f.dueAt, w)).length, judged.length);
  },
  responseRate: (facts, w) => {
    const orders = reportedIn(hotline(facts), w);
    const answered = orders.filter((f) => {
      const answer = f.registeredAt ?? f.voidedDuplicateAt ?? f.voidedInvalidAt;
      return happened(answer, w) && answer.getTime() - f.reportedAt.getTime() <= HOTLINE_RESPONSE_MS;
    });
    return rate(answered.length, orders.length);
  },
  resolutionRate: (facts, w) => {
    const orders = reportedIn(hotline(facts), w).filter((f) => isValidReport(f, w));
    return rate(orders.filter((f) => happened(f.closedAt, w)).length, orders.length);
  },
  satisfactionRate: (facts, w) => {
    const ratings = hotline(facts).flatMap((f) => f.ratings.filter((r) => isWithin(r.at, w) && happened(r.at, w)));
    return rate(ratings.filter((r) => r.rating !== 'dissatisfied').length, ratings.length);
  },
  reopenRate: (facts, w) => {
    const closedIn = facts.filter((f) => f.closures.some((at) => isWithin(at, w) && happened(at, w)));
    const reopened = closedIn.filter((f) => {
      const firstClosure = f.closures.find((at) => isWithin(at, w)) as Date;
      return f.reopenings.some((at) => at.getTime() > firstClosure.getTime() && happened(at, w));
    });
    return rate(reopened.length, closedIn.length);
  },
};

/** Every indicator over one group of cases. */
export function indicatorsOf(
  facts: readonly CaseFacts[],
  window: IndicatorWindow,
): Readonly<Record<IndicatorId, IndicatorValue>> {
  return Object.fromEntries(INDICATOR_IDS.map((id) => [id, INDICATOR_FORMULAS[id](facts, window)])) as Record<
    IndicatorId,
    IndicatorValue
  >;
}

/** Whole days a case's handling ran past its due date (by its first feedback, else by asOf); 0 if on time. */
export function overdueDays(f: CaseFacts, asOf: Date): number {
  if (f.dueAt === null) return 0;
  const end = f.firstFeedbackAt && f.firstFeedbackAt.getTime() <= asOf.getTime() ? f.firstFeedbackAt : asOf;
  const late = end.getTime() - f.dueAt.getTime();
  return late <= 0 ? 0 : Math.ceil(late / (24 * 3_600_000));
}
