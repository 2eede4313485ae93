import type {
  CASE_STATES as API_CASE_STATES,
  RATINGS as API_RATINGS,
  CaseReport,
  CaseSummary,
  CLOCK_STAGES,
  TIME_STATES,
  TimelineEntry,
  UnitRef,
} from '@yiwang/contracts';
import type { CaseReportRow } from './case-reports.repository.js';
import type { CaseEventRow } from './case-timeline.repository.js';
import type { CaseSummaryRow } from './cases.repository.js';
import type { TimeState } from './cases.tables.js';
import type { StageClock } from './domain/stage-clock.js';
import type { ClockStage } from './domain/workflow.js';
import type { CaseState, Rating } from './domain/workflow-types.js';

// The API's lists and the domain's must not drift apart: these fail to compile if they do.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsAgree: [
  Same<(typeof API_CASE_STATES)[number], CaseState>,
  Same<(typeof CLOCK_STAGES)[number], Exclude<ClockStage, null>>,
  Same<(typeof API_RATINGS)[number], Rating>,
  Same<(typeof TIME_STATES)[number], TimeState>,
] = [true, true, true, true];
void listsAgree;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function presentCaseSummary(row: CaseSummaryRow): CaseSummary {
  const c = row.case;
  return {
    code: c.code,
    state: c.state,
    matter: { code: c.matterCode, version: c.matterVersion, name: row.matterName, nameEn: row.matterNameEn },
    level: c.level,
    regionCode: c.regionCode,
    regionName: row.regionName,
    regionNameEn: row.regionNameEn,
    gridCode: c.gridCode,
    gridName: row.gridName,
    gridNameEn: row.gridNameEn,
    location: c.lon === null || c.lat === null ? null : { lon: c.lon, lat: c.lat },
    address: c.address,
    description: c.description,
    channel: c.channel,
    commandUnit: { id: c.commandUnitId, code: row.commandUnitCode, name: row.commandUnitName },
    assignedUnit:
      c.assignedUnitId === null
        ? null
        : { id: c.assignedUnitId, code: row.assignedUnitCode ?? '', name: row.assignedUnitName ?? '' },
    stage: c.stage,
    stageDueAt: iso(c.stageDueAt),
    timeState: c.timeState,
    handleDueAt: iso(c.handleDueAt),
    supporterCount: c.supporterCount,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: iso(c.closedAt),
    archivedAt: iso(c.archivedAt),
    version: c.version,
  };
}

/**
 * A case as one of its reporters without the desk view (a resident) may see it in an
 * answer to their own report or rating: their own words and address, never those of the
 * report the case was opened with (which may be someone else's, after 并单).
 */
export function presentCaseToReporter(
  summary: CaseSummary,
  own: { description: string; address: string | null },
): CaseSummary {
  return { ...summary, description: own.description, address: own.address };
}

export function presentTimelineEntry(event: CaseEventRow, actorName: string | null): TimelineEntry {
  return {
    type: event.type,
    at: event.at.toISOString(),
    actorUserId: event.actorUserId,
    actorName,
    actorUnitId: event.actorUnitId,
    fromState: event.fromState,
    toState: event.toState,
    details: event.details,
  };
}

/** What a viewer may learn about who reported. */
export interface ReporterVisibility {
  viewerUserId: string | null;
  /** Command desks see every reporter (they call back), anonymous or not. */
  seesAnonymous: boolean;
  /** Staff see the names of reporters who did not ask for anonymity; residents see only themselves. */
  seesNames: boolean;
}

/** Whether the viewer may know who made a report. */
export function reporterIdentified(report: CaseReportRow, visibility: ReporterVisibility): boolean {
  const mine = visibility.viewerUserId !== null && report.reporterUserId === visibility.viewerUserId;
  return mine || visibility.seesAnonymous || (visibility.seesNames && !report.anonymous);
}

/**
 * The timeline as a viewer may see it: who reported stays hidden as in the reports, and
 * residents see units, not the names of the staff who acted (nor of other residents).
 */
export function presentTimelineFor(
  events: readonly { event: CaseEventRow; actorName: string | null }[],
  reports: readonly CaseReportRow[],
  visibility: ReporterVisibility,
): TimelineEntry[] {
  const identified = new Map(reports.map((r) => [r.id, reporterIdentified(r, visibility)]));
  return events.map(({ event, actorName }) => {
    const reportId = event.details.reportId;
    const self = event.actorUserId !== null && event.actorUserId === visibility.viewerUserId;
    const visible = self || (typeof reportId === 'string' ? (identified.get(reportId) ?? false) : visibility.seesNames);
    const entry = presentTimelineEntry(event, visible ? actorName : null);
    return visible ? entry : { ...entry, actorUserId: null };
  });
}

export function presentReport(report: CaseReportRow, visibility: ReporterVisibility): CaseReport {
  const mine = visibility.viewerUserId !== null && report.reporterUserId === visibility.viewerUserId;
  const identified = reporterIdentified(report, visibility);
  return {
    id: report.id,
    channel: report.channel,
    reporterName: identified ? report.reporterName : null,
    reporterPhone: identified ? report.reporterPhoneMasked : null,
    anonymous: report.anonymous,
    mine,
    description: report.description,
    location: report.lon === null || report.lat === null ? null : { lon: report.lon, lat: report.lat },
    address: report.address,
    photoIds: report.photoIds,
    formAnswers: report.formAnswers,
    externalId: report.externalId,
    createdAt: report.createdAt.toISOString(),
  };
}

export const unitRef = (u: { id: string; code: string; name: string }): UnitRef => ({
  id: u.id,
  code: u.code,
  name: u.name,
});

/** The stage columns of a clock. */
export const clockColumns = (clock: StageClock) => ({
  stage: clock.stage,
  stageStartedAt: clock.startedAt,
  stageDueAt: clock.dueAt,
});

const STATE_LABELS: Readonly<Record<CaseState, readonly [zh: string, en: string]>> = {
  reported: ['已上报待受理', 'reported, waiting for registration'],
  registered: ['已立案待派遣', 'registered, waiting for dispatch'],
  voided: ['已作废', 'voided'],
  dispatched: ['已派遣待签收', 'dispatched, waiting for the unit to accept'],
  accepted: ['处置中', 'being handled'],
  returned: ['已退单待审核', 'returned by the unit, under review'],
  handled: ['已反馈待核查', 'handled, waiting for verification'],
  closed: ['已结案待回访', 'closed, waiting for the callback'],
  rated: ['已评价', 'rated'],
  archived: ['已归档', 'archived'],
  on_hold: ['挂账', 'on hold'],
};

/** Message parameters naming a case state in both languages (for refusals). */
export const stateParams = (state: CaseState) => ({
  state,
  stateZh: STATE_LABELS[state][0],
  stateEn: STATE_LABELS[state][1],
});
