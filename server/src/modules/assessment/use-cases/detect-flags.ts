import type { FlagList, FlagQuery } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { assessmentRepository } from '../assessment.repository.js';
import { detectionRepository } from '../detection.repository.js';
import { detectFlags, type Flag } from '../domain/detection/detectors.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { gridTeamsInScope } from './compute-fair-scores.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

/** The raw flags of the caller's scope for a period (the simulation reads these too). */
export async function detectFlagsInScope(
  db: Executor,
  scopePath: string,
  options: { period: FlagQuery['period']; day?: string | undefined; now: Date },
) {
  const firstDay = options.day ?? new Date(options.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const period = periodContaining(options.period, firstDay);
  const window = windowOf(period, options.now);
  const facts = await readCaseFacts(db, scopePath, window);
  const [teams, grids, places, departments, findings] = await Promise.all([
    gridTeamsInScope(db, scopePath),
    detectionRepository.gridCovariatesInScope(db, scopePath),
    detectionRepository.casePlaces(
      db,
      facts.filter((f) => f.channel === 'worker').map((f) => f.caseId),
    ),
    assessmentRepository.departments(db),
    detectionRepository.gridFindingsInScope(db, { scopePath, from: window.from, asOf: window.asOf }),
  ]);
  const flags = detectFlags({
    facts,
    window,
    teams,
    grids,
    places,
    departmentIds: new Set(departments.keys()),
    findings,
  });
  return { period, window, flags };
}

/**
 * Every flag of hidden or padded reporting in the caller's scope for the period holding `day`
 * (docs/assessment-indicators.md, "Flags"): its evidence in words and the cases behind it,
 * with the names of the grid, worker, department or inspector it points at.
 */
export async function listFlags(
  db: Executor,
  actor: Actor,
  options: { period: FlagQuery['period']; day?: string | undefined; grid?: string | undefined; now: Date },
): Promise<FlagList> {
  const { period, window, flags } = await detectFlagsInScope(db, actor.scopePath, options);
  const shown = options.grid === undefined ? flags : flags.filter((f) => f.gridCode === options.grid);
  const gridCodes = [...new Set(shown.flatMap((f) => (f.gridCode ? [f.gridCode] : [])))];
  const userIds = [
    ...new Set(shown.filter((f) => f.subjectKind === 'worker' || f.subjectKind === 'inspector').map((f) => f.subject)),
  ];
  const unitIds = [...new Set(shown.filter((f) => f.subjectKind === 'unit').map((f) => f.subject))];
  const [gridNames, userNames, unitNames] = await Promise.all([
    assessmentRepository.gridNames(db, gridCodes),
    assessmentRepository.userNames(db, userIds),
    assessmentRepository.unitNames(db, unitIds),
  ]);
  const nameOf = (f: Flag) =>
    (f.subjectKind === 'grid'
      ? gridNames.get(f.subject)
      : f.subjectKind === 'unit'
        ? unitNames.get(f.subject)
        : userNames.get(f.subject)) ?? f.subject;
  return {
    period: {
      kind: options.period,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    flags: shown.map((f) => ({
      id: `${f.kind}:${f.subject}`,
      kind: f.kind,
      subjectKind: f.subjectKind,
      subject: f.subject,
      subjectName: nameOf(f),
      gridCode: f.gridCode,
      gridName: f.gridCode ? (gridNames.get(f.gridCode) ?? f.gridCode) : null,
      evidence: { ...f.evidence },
      numbers: { ...f.numbers },
      caseCodes: [...f.caseCodes],
    })),
  };
}
