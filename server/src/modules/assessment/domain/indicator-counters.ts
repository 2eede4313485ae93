import { INDICATOR_IDS, type IndicatorId } from '@yiwang/contracts';
import { type CaseEventRecord, type CaseFacts, type CaseHeader, caseFactsOf } from './case-facts.js';
import { INDICATOR_FORMULAS, type IndicatorValue, type IndicatorWindow } from './indicators.js';

/**
 * Indicator counters: every formula of indicators.ts is a count over cases (or over their
 * events), so a group's numerator and denominator are the sums of its cases' own. A closed
 * period's counters are therefore final once every event up to its end has been read, and can
 * be added up case by case and stored (`assessment_indicator_counters`) instead of folding
 * every case again at each request. These functions are the pure part: one case's counters in
 * one window, their sum, and the values they give back.
 */

/** Per indicator: [numerator, denominator] (denominator −1 for a count, which has none). */
export type IndicatorCounters = Record<IndicatorId, [number, number]>;

export const emptyCounters = (): IndicatorCounters =>
  Object.fromEntries(INDICATOR_IDS.map((id) => [id, [0, id === 'reportCount' ? -1 : 0]])) as IndicatorCounters;

/** One case's counters in a window, by the very formulas of indicators.ts applied to it alone. */
export function countersOf(f: CaseFacts, window: IndicatorWindow): IndicatorCounters {
  return caseCountersOf(f, window).counters;
}

/**
 * One case's part of the indicators it counts in (numerator > 0 or denominator > 0, as the
 * drill-down lists them): [numerator, denominator (−1 for a count), 1 when it counts against].
 */
export type CaseCounters = Partial<Record<IndicatorId, [number, number, 0 | 1]>>;

/**
 * One case's counters in a window, and its part of each indicator it counts in. Whether a case
 * counts against an indicator is its own matter (every formula's `against` picks cases one by
 * one), so the formula applied to the case alone says it as the formula over its group would.
 */
export function caseCountersOf(
  f: CaseFacts,
  window: IndicatorWindow,
): { counters: IndicatorCounters; perCase: CaseCounters } {
  const counters = {} as IndicatorCounters;
  const perCase: CaseCounters = {};
  for (const id of INDICATOR_IDS) {
    const r = INDICATOR_FORMULAS[id]([f], window);
    const d = r.denominator ?? -1;
    counters[id] = [r.numerator, d];
    if (r.numerator > 0 || d > 0) perCase[id] = [r.numerator, d, r.against.length > 0 ? 1 : 0];
  }
  return { counters, perCase };
}

/** Adds `more` into `into` (in place). */
export function addCounters(into: IndicatorCounters, more: IndicatorCounters): IndicatorCounters {
  for (const id of INDICATOR_IDS) {
    const a = into[id];
    const b = more[id];
    a[0] += b[0];
    if (a[1] >= 0) a[1] += b[1];
  }
  return into;
}

export const isZero = (c: IndicatorCounters) => INDICATOR_IDS.every((id) => c[id][0] === 0 && c[id][1] <= 0);

/** The values counters give, as the indicator table shows them (a rate over 0 has no value). */
export function valuesOf(c: IndicatorCounters): Record<IndicatorId, IndicatorValue> {
  return Object.fromEntries(
    INDICATOR_IDS.map((id) => {
      const [numerator, denominator] = c[id];
      if (denominator < 0) return [id, { numerator, denominator: null, value: numerator }];
      return [id, { numerator, denominator, value: denominator === 0 ? null : numerator / denominator }];
    }),
  ) as Record<IndicatorId, IndicatorValue>;
}

/**
 * The last instant a case can count in a window: its last event, or a later due date (a case
 * dispatched before a period and never answered is overdue in the period its due date falls in);
 * an open case can count in any later period.
 */
export function lastCountableAt(header: CaseHeader, events: readonly CaseEventRecord[], open: boolean): number {
  if (open) return Number.POSITIVE_INFINITY;
  let last = header.createdAt.getTime();
  for (const e of events) {
    last = Math.max(last, e.at.getTime());
    for (const key of ['handleDueAt', 'newDueAt'] as const) {
      const v = e.details[key];
      if (typeof v === 'string') {
        const due = Date.parse(v);
        if (!Number.isNaN(due)) last = Math.max(last, due);
      }
    }
  }
  return last;
}

/** The facts of a case as of a window's `asOf`: its events up to then, folded (as a scan at that instant reads them). */
export function factsAsOf(header: CaseHeader, events: readonly CaseEventRecord[], asOf: Date): CaseFacts {
  const t = asOf.getTime();
  const upTo = events.every((e) => e.at.getTime() <= t) ? events : events.filter((e) => e.at.getTime() <= t);
  return caseFactsOf(header, upTo);
}
