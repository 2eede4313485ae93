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

/**
 * A formula's result: the value, and the cases that count against it (in the denominator but
 * not the numerator of a rate where higher is better; in the numerator where lower is better)
 * — what a score explains itself with, down to the cases.
 */
export interface IndicatorResult extends IndicatorValue {
  readonly against: readonly CaseFacts[];
}

/** A formula: the indicator's value over a group of cases. Names, counter-metrics and direction: the vocabulary. */
export type IndicatorFormula = (facts: readonly CaseFacts[], window: IndicatorWindow) => IndicatorResult;

/** How long a 12345 work order may wait to be answered (registered, or recognised as a duplicate). */
export const HOTLINE_RESPONSE_MS = 24 * 3_600_000;

const rate = (numerator: number, denominator: number, against: readonly CaseFacts[]): IndicatorResult => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
  against,
});
/** A rate over cases: `hits` of `all` (higher is better, so the cases that missed count against it). */
const shareOf = (hits: readonly CaseFacts[], all: readonly CaseFacts[]): IndicatorResult =>
  rate(
    hits.length,
    all.length,
    all.filter((f) => !hits.includes(f)),
  );
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
    against: [],
  }),
  validReportRate: (facts, w) => {
    const reports = reportedIn(facts, w);
    return shareOf(
      reports.filter((f) => isValidReport(f, w)),
      reports,
    );
  },
  registrationRate: (facts, w) => {
    const valid = reportedIn(facts, w).filter((f) => isValidReport(f, w));
    return shareOf(
      valid.filter((f) => happened(f.registeredAt, w)),
      valid,
    );
  },
  onTimeHandlingRate: (facts, w) => {
    const due = dueIn(facts, w);
    return shareOf(
      due.filter((f) => onOrBefore(f.firstFeedbackAt, f.dueAt, w)),
      due,
    );
  },
  onTimeClosureRate: (facts, w) => {
    const judged = dueIn(facts, w).filter((f) => !isDeferred(f));
    const onTime = judged.filter((f) => happened(f.closedAt, w) && onOrBefore(f.lastFeedbackAt, f.dueAt, w));
    return shareOf(onTime, judged);
  },
  closureRate: (facts, w) => {
    const registered = facts.filter((f) => isWithin(f.registeredAt, w) && happened(f.registeredAt, w));
    return shareOf(
      registered.filter((f) => happened(f.closedAt, w)),
      registered,
    );
  },
  reworkRate: (facts, w) => {
    const checks = facts.flatMap((f) => f.verifications.filter((v) => isWithin(v.at, w) && happened(v.at, w)));
    const failedIn = (f: CaseFacts) => f.verifications.some((v) => !v.passed && isWithin(v.at, w) && happened(v.at, w));
    return rate(checks.filter((v) => !v.passed).length, checks.length, facts.filter(failedIn));
  },
  shirkRate: (facts, w) =>
    rate(
      facts.reduce((n, f) => n + countWithin(f.rejectedReturns, w), 0),
      facts.reduce((n, f) => n + countWithin(f.dispatches, w), 0),
      facts.filter((f) => countWithin(f.rejectedReturns, w) > 0),
    ),
  overdueRate: (facts, w) => {
    const judged = dueIn(facts, w).filter((f) => !isDeferred(f));
    const late = judged.filter((f) => !onOrBefore(f.firstFeedbackAt, f.dueAt, w));
    return rate(late.length, judged.length, late);
  },
  responseRate: (facts, w) => {
    const orders = reportedIn(hotline(facts), w);
    const answered = orders.filter((f) => {
      const answer = f.registeredAt ?? f.voidedDuplicateAt ?? f.voidedInvalidAt;
      return happened(answer, w) && answer.getTime() - f.reportedAt.getTime() <= HOTLINE_RESPONSE_MS;
    });
    return shareOf(answered, orders);
  },
  resolutionRate: (facts, w) => {
    const orders = reportedIn(hotline(facts), w).filter((f) => isValidReport(f, w));
    return shareOf(
      orders.filter((f) => happened(f.closedAt, w)),
      orders,
    );
  },
  satisfactionRate: (facts, w) => {
    const ratings = hotline(facts).flatMap((f) => f.ratings.filter((r) => isWithin(r.at, w) && happened(r.at, w)));
    const dissatisfied = hotline(facts).filter((f) =>
      f.ratings.some((r) => r.rating === 'dissatisfied' && isWithin(r.at, w) && happened(r.at, w)),
    );
    return rate(ratings.filter((r) => r.rating !== 'dissatisfied').length, ratings.length, dissatisfied);
  },
  reopenRate: (facts, w) => {
    const closedIn = facts.filter((f) => f.closures.some((at) => isWithin(at, w) && happened(at, w)));
    const reopened = closedIn.filter((f) => {
      const firstClosure = f.closures.find((at) => isWithin(at, w)) as Date;
      return f.reopenings.some((at) => at.getTime() > firstClosure.getTime() && happened(at, w));
    });
    return rate(reopened.length, closedIn.length, reopened);
  },
};

/** A result as the API shows it: the value without the cases behind it. */
export const shownValue = ({ numerator, denominator, value }: IndicatorResult): IndicatorValue => ({
  numerator,
  denominator,
  value,
});

/** Every indicator over one group of cases. */
export function indicatorsOf(
  facts: readonly CaseFacts[],
  window: IndicatorWindow,
): Readonly<Record<IndicatorId, IndicatorValue>> {
  return Object.fromEntries(
    INDICATOR_IDS.map((id) => [id, shownValue(INDICATOR_FORMULAS[id](facts, window))]),
  ) as Record<IndicatorId, IndicatorValue>;
}

/** Whole days a case's handling ran past its due date (by its first feedback, else by asOf); 0 if on time. */
export function overdueDays(f: CaseFacts, asOf: Date): number {
  if (f.dueAt === null) return 0;
  const end = f.firstFeedbackAt && f.firstFeedbackAt.getTime() <= asOf.getTime() ? f.firstFeedbackAt : asOf;
  const late = end.getTime() - f.dueAt.getTime();
  return late <= 0 ? 0 : Math.ceil(late / (24 * 3_600_000));
}
