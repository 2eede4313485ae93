import type { AssessmentLevel, IndicatorTable, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { assessmentRepository } from '../assessment.repository.js';
import { groupFacts } from '../domain/groups.js';
import { indicatorsOf } from '../domain/indicators.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

export interface ComputeIndicatorsOptions {
  level: AssessmentLevel;
  period: PeriodKind;
  /** A day in the period (China time); default today. */
  day?: string | undefined;
  now: Date;
}

/**
 * The indicator table of the caller's scope: one row per unit of `level` (grid worker,
 * grid, community, town, department, county) with every indicator of the period holding
 * `day`, best-known unit names, sorted by name. Units without a case in the period have no row.
 */
export async function computeIndicators(
  db: Executor,
  actor: Actor,
  { level, period: kind, day, now }: ComputeIndicatorsOptions,
): Promise<IndicatorTable> {
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
  const rows = [...groups.entries()]
    .map(([key, group]) => ({ key, name: names.get(key) ?? key, values: indicatorsOf(group, window) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.key.localeCompare(b.key));
  return {
    level,
    period: {
      kind,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    rows,
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
