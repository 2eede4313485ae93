import type { DetectionFlag, DetectionFlags, FlagLevel, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { patrolsLookups } from '../../patrols/index.js';
import { assessmentRepository } from '../assessment.repository.js';
import { caseFactsOf } from '../domain/case-facts.js';
import {
  classOf,
  type DetectionCase,
  detectBursts,
  detectClosedWithoutPhoto,
  detectDepartmentDelay,
  detectFarFromPlace,
  detectHiddenHard,
  detectImplausibleSpeed,
  detectionCaseOf,
  detectLowShare,
  detectRubberStamp,
  detectSelfVerified,
  type Flag,
  type GridCovariates,
  type TrackFix,
} from '../domain/detection/index.js';
import type { IndicatorWindow } from '../domain/indicators.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { inspectionDrawsRepository } from '../inspection-draws.repository.js';
import { windowOf } from './read-case-facts.js';

/** The scope's cases that can count in the window, as the detectors read them. */
async function readDetectionCases(db: Executor, scopePath: string, window: IndicatorWindow): Promise<DetectionCase[]> {
  const histories = await assessmentRepository.caseHistoriesInScope(db, { scopePath, ...window });
  return histories.map((h) => detectionCaseOf(caseFactsOf(h.header, h.events), h.events, h.header.location ?? null));
}

/** A verifier's patrol fixes in the window (only verifiers' tracks are read: they are what is checked). */
async function verifierFixes(
  db: Executor,
  scopePath: string,
  window: IndicatorWindow,
  cases: readonly DetectionCase[],
): Promise<TrackFix[]> {
  const verifiers = new Set<string>();
  for (const c of cases) {
    for (const v of c.verifications) {
      if (v.passed && v.byUserId && v.at >= window.from && v.at < window.to) verifiers.add(v.byUserId);
    }
  }
  const fixes: TrackFix[] = [];
  for (const userId of verifiers) {
    const patrols = await patrolsLookups.patrolsWithFixesIn(db, {
      areaPath: scopePath,
      from: window.from,
      to: window.asOf,
      userId,
      limit: 200,
    });
    for (const { patrol } of patrols) {
      for (const f of await patrolsLookups.fixesOf(db, patrol.id))
        fixes.push({ userId, at: f.at, lon: f.lon, lat: f.lat });
    }
  }
  return fixes;
}

/** Its grid workers' hard and easy reports in the previous period: the grid's own history. */
function historyOf(cases: readonly DetectionCase[], window: { from: Date; to: Date }) {
  const history = new Map<string, { hard: number; easy: number }>();
  for (const c of cases) {
    const klass = classOf(c.difficulty);
    if (!klass || c.channel !== 'worker' || c.voidedInvalid || c.gridCode === null) continue;
    if (c.reportedAt < window.from || c.reportedAt >= window.to) continue;
    const h = history.get(c.gridCode) ?? { hard: 0, easy: 0 };
    h[klass] += 1;
    history.set(c.gridCode, h);
  }
  return history;
}

const DAY_MS = 24 * 3_600_000;

/**
 * Runs every detector of hidden and padded reporting over the caller's scope for the period
 * holding `day`: each flag explained, with the cases behind it. Only the scope's cases,
 * grids, units' stints in them and findings on targets in it are read.
 */
export async function detectFlags(
  db: Executor,
  actor: Actor,
  options: { period: PeriodKind; level?: FlagLevel | undefined; day?: string | undefined; now: Date },
): Promise<DetectionFlags> {
  const { now } = options;
  const firstDay = options.day ?? new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const period = periodContaining(options.period, firstDay);
  const window = windowOf(period, now);
  const wants = (level: FlagLevel) => options.level === undefined || options.level === level;
  const cases = await readDetectionCases(db, actor.scopePath, window);
  const flags: Flag[] = [];

  if (wants('grid')) {
    // The previous period of the same kind gives each grid its own history (when there is one).
    const previousDay = new Date(period.from.getTime() - DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
    const previous = periodContaining(options.period, previousDay);
    const previousCases = await readDetectionCases(db, actor.scopePath, windowOf(previous, now));
    const history = historyOf(previousCases, previous);
    const covariateRows = await assessmentRepository.gridCovariatesInScope(db, actor.scopePath);
    // Only grids whose workers reported at all in the period are compared: a grid with no
    // reports (not yet staffed, no one on duty) says nothing of what is hidden, and a crowd of
    // idle grids would pull everyone's expectation down to nothing.
    const active = new Set(
      cases
        .filter(
          (c) => c.channel === 'worker' && !c.voidedInvalid && c.reportedAt >= window.from && c.reportedAt < window.to,
        )
        .flatMap((c) => (c.gridCode ? [c.gridCode] : [])),
    );
    const grids: GridCovariates[] = covariateRows
      .filter((g) => active.has(g.gridCode))
      .map((g) => ({
        ...g,
        history: history.size > 0 ? (history.get(g.gridCode) ?? { hard: 0, easy: 0 }) : undefined,
      }));
    if (grids.length >= 3) flags.push(...detectHiddenHard(grids, cases, window));
    flags.push(...detectLowShare(cases, window));
  }
  if (wants('worker')) {
    flags.push(
      ...detectBursts(cases, window),
      ...detectClosedWithoutPhoto(cases, window),
      ...detectSelfVerified(cases, window),
      ...detectImplausibleSpeed(cases, window),
      ...detectFarFromPlace(cases, await verifierFixes(db, actor.scopePath, window, cases), window),
    );
  }
  if (wants('department')) {
    const departments = await assessmentRepository.departments(db);
    flags.push(...detectDepartmentDelay(cases, window, new Set(departments.keys())));
  }
  if (wants('inspector')) {
    const findings = await inspectionDrawsRepository.latestFindingsInScope(db, {
      scopePath: actor.scopePath,
      from: window.from,
      to: window.to,
    });
    flags.push(...detectRubberStamp(findings));
  }

  const gridCodes = [...new Set(flags.flatMap((f) => (f.gridCode ? [f.gridCode] : [])))];
  const userIds = [...new Set(flags.filter((f) => f.level === 'worker' || f.level === 'inspector').map((f) => f.key))];
  const unitIds = [...new Set(flags.filter((f) => f.level === 'department').map((f) => f.key))];
  const [gridNames, userNames, unitNames] = await Promise.all([
    assessmentRepository.gridNames(db, gridCodes),
    assessmentRepository.userNames(db, userIds),
    assessmentRepository.unitNames(db, unitIds),
  ]);
  const nameOf = (f: Flag) =>
    (f.level === 'grid'
      ? gridNames.get(f.key)
      : f.level === 'department'
        ? unitNames.get(f.key)
        : userNames.get(f.key)) ?? f.key;
  const presented: DetectionFlag[] = flags.map((f) => ({
    kind: f.kind,
    level: f.level,
    key: f.key,
    name: nameOf(f),
    gridCode: f.gridCode,
    gridName: f.gridCode ? (gridNames.get(f.gridCode) ?? f.gridCode) : null,
    explanation: { ...f.explanation },
    measure: f.measure,
    cases: f.caseCodes.map((code, i) => ({ caseId: f.caseIds[i] ?? null, code })),
  }));
  return {
    period: {
      kind: options.period,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    flags: presented,
  };
}
