import type { AssessmentLevel, IndicatorCases, IndicatorId, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { assessmentRepository } from '../assessment.repository.js';
import { groupFacts } from '../domain/groups.js';
import { countersOf, emptyCounters, valuesOf } from '../domain/indicator-counters.js';
import { INDICATOR_FORMULAS, type IndicatorWindow, shownValue } from '../domain/indicators.js';
import { isCalendarDay, type Period, periodContaining } from '../domain/periods.js';
import { drillDownRepository } from '../indicator-counters.repository.js';
import { countedPeriod } from './count-indicators.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

export interface IndicatorCasesOptions {
  level: AssessmentLevel;
  key: string;
  indicator: IndicatorId;
  period: PeriodKind;
  day?: string | undefined;
  now: Date;
  /** One page: at most this many cases (default all). */
  limit?: number | undefined;
  /** The `nextAfter` of the page before. */
  after?: string | undefined;
  /** Read a closed period's stored per-case counters when kept (default); false folds the unit's cases. */
  fromCounters?: boolean;
}

const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The cases behind one number of the indicator table (a unit's indicator in a period): every
 * case that adds to its numerator or denominator, and whether it counts against it, in the
 * list's order (against first, then by code), one page after `after`. A closed period counted
 * for the caller's scope is read from each case's stored counters (one indexed read of the
 * unit's cases of the period, however large the county) — the very condition under which the
 * table reads the unit sums, so the number and its cases come from the same count. Otherwise
 * only the unit's own part of the scope is folded (a grid's cases for a grid). A unit outside
 * the caller's scope is not found either way.
 */
export async function indicatorCases(
  db: Executor,
  actor: Actor,
  options: IndicatorCasesOptions,
): Promise<IndicatorCases> {
  const { level, key, indicator, period: kind, day, now } = options;
  const firstDay = day ?? chinaToday(now);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const scopePath = await foldedScope(db, actor.scopePath, level, key);
  const period = periodContaining(kind, firstDay);
  const window = windowOf(period, now);
  const counted = options.fromCounters === false ? null : await countedPeriod(db, actor.scopePath, kind, firstDay, now);
  const answer = counted
    ? await storedCases(db, actor.scopePath, counted, options)
    : await foldedCases(db, scopePath, window, options);
  return {
    level,
    key,
    indicator,
    period: {
      kind,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    ...answer,
  };
}

type Answer = Pick<IndicatorCases, 'value' | 'total' | 'cases' | 'nextAfter'>;

/** The page from each case's counters stored for the scope's counted period. */
async function storedCases(
  db: Executor,
  scopePath: string,
  period: Period,
  { level, key, indicator, limit, after }: IndicatorCasesOptions,
): Promise<Answer> {
  const q = { scopePath, kind: period.kind, firstDay: period.firstDay, level, key, indicator };
  const summary = await drillDownRepository.storedSummary(db, q);
  const rows = await drillDownRepository.storedPage(db, { ...q, after, limit });
  const page = limit === undefined ? rows : rows.slice(0, limit);
  const last = page[page.length - 1];
  // The unit's number as the table gives it from the same sums (a count has no denominator).
  const sums = emptyCounters();
  const isCount = sums[indicator][1] < 0;
  sums[indicator] = [summary.numerator, isCount ? -1 : summary.denominator];
  return {
    value: valuesOf(sums)[indicator],
    total: summary.total,
    cases: page.map((r) => ({
      code: r.code,
      state: r.state ?? '',
      description: r.description ?? '',
      reportedAt: r.reportedAt.toISOString(),
      numerator: r.numerator,
      denominator: Math.max(0, r.denominator),
      against: r.key.startsWith('0:'),
    })),
    ...(last !== undefined && rows.length > page.length ? { nextAfter: last.key } : {}),
  };
}

/** The page folded from the unit's part of the scope (a running period, or one not counted for the scope). */
async function foldedCases(
  db: Executor,
  scopePath: string,
  window: IndicatorWindow,
  { level, key, indicator, limit, after }: IndicatorCasesOptions,
): Promise<Answer> {
  const facts = await readCaseFacts(db, scopePath, window);
  const departments =
    level === 'department' ? new Set((await assessmentRepository.departments(db)).keys()) : new Set<string>();
  const group = groupFacts(facts, level, departments).get(key) ?? [];
  const result = INDICATOR_FORMULAS[indicator](group, window);
  const against = new Set(result.against.map((f) => f.caseId));
  // The list's order: against first, then by code; a page starts after the key `after` names.
  const keyOf = (f: { caseId: string; code: string }) => `${against.has(f.caseId) ? 0 : 1}:${f.code}`;
  const counted = group
    .map((f) => ({ f, c: countersOf(f, window)[indicator], key: keyOf(f) }))
    .filter(({ c }) => c[0] > 0 || c[1] > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const start = after === undefined ? 0 : counted.findIndex((x) => x.key > after);
  const page = start < 0 ? [] : counted.slice(start, limit === undefined ? undefined : start + limit);
  const rows = await drillDownRepository.caseRows(
    db,
    page.map(({ f }) => f.caseId),
  );
  const last = page[page.length - 1];
  const more = last !== undefined && counted[counted.length - 1] !== last;
  return {
    value: shownValue(result),
    total: counted.length,
    cases: page.map(({ f, c }) => ({
      code: f.code,
      state: rows.get(f.caseId)?.state ?? '',
      description: rows.get(f.caseId)?.description ?? '',
      reportedAt: f.reportedAt.toISOString(),
      numerator: c[0],
      denominator: Math.max(0, c[1]),
      against: against.has(f.caseId),
    })),
    ...(more ? { nextAfter: last.key } : {}),
  };
}

/** The part of the scope a unit's cases lie in (the whole scope for a grid worker or a department). */
async function foldedScope(db: Executor, scopePath: string, level: AssessmentLevel, key: string): Promise<string> {
  if (level === 'worker' || level === 'department') return scopePath;
  const path =
    level === 'grid' ? await drillDownRepository.gridPath(db, key) : await drillDownRepository.regionPath(db, key);
  if (path === undefined) throw new DomainError('not-found');
  if (isPathWithin(path, scopePath)) return path;
  if (isPathWithin(scopePath, path)) return scopePath;
  throw new DomainError('not-found');
}
