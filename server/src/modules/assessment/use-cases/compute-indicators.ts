import type { AssessmentLevel, AssessmentPeriod, IndicatorTable, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { assessmentRepository } from '../assessment.repository.js';
import type { CaseFacts } from '../domain/case-facts.js';
import { byUnitName, groupFacts } from '../domain/groups.js';
import { type IndicatorWindow, indicatorsOf } from '../domain/indicators.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { storedIndicatorTable } from './count-indicators.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

export interface ComputeIndicatorsOptions {
  level: AssessmentLevel;
  period: PeriodKind;
  /** A day in the period (China time); default today. */
  day?: string | undefined;
  now: Date;
  /** Read a closed period's stored counters when kept (default); false folds every case (the baseline). */
  fromCounters?: boolean;
}

/**
 * The units of `level` in the caller's scope with their cases that can count in the period
 * holding `day`, named, sorted by name (units without such a case are left out); shared by
 * the indicator table and the scores.
 */
export async function unitsOfLevel(
  db: Executor,
  actor: Actor,
  { level, period: kind, day, now }: ComputeIndicatorsOptions,
): Promise<{
  period: AssessmentPeriod;
  window: IndicatorWindow;
  units: { key: string; name: string; facts: CaseFacts[] }[];
}> {
  const firstDay = day ?? chinaToday(now);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const period = periodContaining(kind, firstDay);
  const window = windowOf(period, now);
  const facts = await readCaseFacts(db, actor.scopePath, window);
  const departments = await assessmentRepository.departments(db);
  const groups = groupFacts(facts, level, new Set(departments.keys()));
  const names = await namesOf(db, level, [...groups.keys()], departments);
  const units = [...groups.entries()]
    .map(([key, group]) => ({ key, name: names.get(key) ?? key, facts: group }))
    .sort(byUnitName);
  return {
    period: {
      kind,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    window,
    units,
  };
}

/**
 * The indicator table of the caller's scope: one row per unit of `level` (grid worker,
 * grid, community, town, department, county) with every indicator of the period holding
 * `day`, sorted by name. Units without a case in the period have no row.
 */
export async function computeIndicators(
  db: Executor,
  actor: Actor,
  options: ComputeIndicatorsOptions,
): Promise<IndicatorTable> {
  const day = options.day ?? chinaToday(options.now);
  if (options.fromCounters !== false && isCalendarDay(day)) {
    const stored = await storedIndicatorTable(db, actor, { ...options, day });
    if (stored) return stored;
  }
  const { period, window, units } = await unitsOfLevel(db, actor, options);
  return {
    level: options.level,
    period,
    rows: units.map((u) => ({ key: u.key, name: u.name, values: indicatorsOf(u.facts, window) })),
  };
}

const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function namesOf(
  db: Executor,
  level: AssessmentLevel,
  keys: string[],
  departments: Map<string, string>,
): Promise<Map<string, string>> {
  switch (level) {
    case 'worker':
      return assessmentRepository.userNames(db, keys);
    case 'grid':
      return assessmentRepository.gridNames(db, keys);
    case 'community':
    case 'town':
    case 'county':
      return assessmentRepository.regionNames(db, keys);
    case 'department':
      return departments;
  }
}
