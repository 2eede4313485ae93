import type { AccountabilityTable } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { assessmentRepository } from '../assessment.repository.js';
import { accountabilityFiguresOf, accountableCasesOf } from '../domain/accountability.js';
import { groupFacts } from '../domain/groups.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

export interface ComputeAccountabilityOptions {
  /** YYYY-MM; default this month (China time). */
  month?: string | undefined;
  now: Date;
}

/**
 * The month's accountability table of the caller's scope: every department with a case
 * dispatched to it and every town, with their figures, and the cases behind them with the
 * unit and the person who held each (seed 003: departments and streets are assessed too).
 */
export async function computeAccountability(
  db: Executor,
  actor: Actor,
  { month, now }: ComputeAccountabilityOptions,
): Promise<AccountabilityTable> {
  const firstDay = `${month ?? new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'month', code: 'format', params: { format: 'YYYY-MM' } }]);
  }
  const period = periodContaining('month', firstDay);
  const window = windowOf(period, now);
  const facts = await readCaseFacts(db, actor.scopePath, window);
  const departments = await assessmentRepository.departments(db);
  const departmentIds = new Set(departments.keys());
  const byDepartment = groupFacts(facts, 'department', departmentIds);
  const byTown = groupFacts(facts, 'town', departmentIds);
  const cases = accountableCasesOf(facts, window);

  const townCodes = [...new Set([...byTown.keys(), ...cases.map((c) => townOf(c.facts.path)).filter(isString)])];
  const [townNames, unitNames, holderNames] = await Promise.all([
    assessmentRepository.regionNames(db, townCodes),
    assessmentRepository.unitNames(db, [...new Set(cases.map((c) => c.facts.unitId).filter(isString))]),
    assessmentRepository.userNames(db, [...new Set(cases.map((c) => c.facts.heldByUserId).filter(isString))]),
  ]);
  const rows = [
    ...[...byDepartment.entries()].map(([key, group]) => ({
      kind: 'department' as const,
      key,
      name: departments.get(key) ?? key,
      ...accountabilityFiguresOf(group, window),
    })),
    ...[...byTown.entries()].map(([key, group]) => ({
      kind: 'town' as const,
      key,
      name: townNames.get(key) ?? key,
      ...accountabilityFiguresOf(group, window),
    })),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    month: firstDay.slice(0, 7),
    period: {
      kind: 'month',
      firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    rows,
    cases: cases.map((c) => {
      const town = townOf(c.facts.path);
      return {
        caseId: c.facts.caseId,
        code: c.facts.code,
        reason: c.reason,
        overdueDays: c.overdueDays,
        times: c.times,
        dueAt: c.facts.dueAt?.toISOString() ?? null,
        unitId: c.facts.unitId,
        unitName: c.facts.unitId ? (unitNames.get(c.facts.unitId) ?? null) : null,
        townCode: town,
        townName: town ? (townNames.get(town) ?? null) : null,
        heldByName: c.facts.heldByUserId ? (holderNames.get(c.facts.heldByUserId) ?? null) : null,
      };
    }),
  };
}

const townOf = (path: string): string | null => path.split('/')[1] ?? null;
const isString = (value: string | null): value is string => value !== null;
