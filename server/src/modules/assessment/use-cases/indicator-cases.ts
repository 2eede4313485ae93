import type { AssessmentLevel, IndicatorCases, IndicatorId, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { assessmentRepository } from '../assessment.repository.js';
import { groupFacts } from '../domain/groups.js';
import { countersOf } from '../domain/indicator-counters.js';
import { INDICATOR_FORMULAS, shownValue } from '../domain/indicators.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { drillDownRepository } from '../indicator-counters.repository.js';
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
}

const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The cases behind one number of the indicator table (a unit's indicator in a period): every
 * case that adds to its numerator or denominator, and whether it counts against it. Only the
 * unit's own part of the scope is folded (a grid's cases for a grid), so a drill-down stays cheap
 * however large the county. A unit outside the caller's scope is not found.
 */
export async function indicatorCases(
  db: Executor,
  actor: Actor,
  { level, key, indicator, period: kind, day, now, limit, after }: IndicatorCasesOptions,
): Promise<IndicatorCases> {
  const firstDay = day ?? chinaToday(now);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const scopePath = await foldedScope(db, actor.scopePath, level, key);
  const period = periodContaining(kind, firstDay);
  const window = windowOf(period, now);
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
