import type { CaseDetail, Locale } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { can } from '../../accounts/index.js';
import { unitRefs } from '../../units/index.js';
import { matterOfCase } from '../case-deps.js';
import { caseReportsRepository } from '../case-reports.repository.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { caseTimelineRepository } from '../case-timeline.repository.js';
import { casesRepository } from '../cases.repository.js';
import type { CaseState } from '../domain/workflow-types.js';
import { presentCaseSummary, presentReport, presentTimelineFor, unitRef } from '../present-case.js';
import type { StoredSnapshot } from '../snapshot-json.js';
import { duplicatesOfCase } from './find-duplicates.js';
import { suggestRouting } from './suggest-routing.js';

const BEFORE_DISPATCH: readonly CaseState[] = ['reported', 'registered', 'returned'];

/**
 * A case with everything the case page shows: reports (reporters masked for the viewer),
 * the timeline, possible duplicates and, while it waits for dispatch, where 六定 routing
 * would send it and why.
 */
export async function getCase(db: Executor, actor: Actor, code: string, now: Date): Promise<CaseDetail> {
  const row = await casesRepository.findInScope(db, code, deskCaseScopeOf(actor));
  if (!row) throw new DomainError('not-found');
  const [summary, reports, events, matter] = await Promise.all([
    casesRepository.summaryById(db, row.id),
    caseReportsRepository.reportsOf(db, row.id),
    caseTimelineRepository.eventsOf(db, row.id),
    matterOfCase(db, row),
  ]);
  if (!summary) throw new DomainError('not-found');
  const unitIds = new Set<string>([row.commandUnitId, ...row.involvedUnitIds]);
  if (row.snapshot.pendingReturn) unitIds.add(row.snapshot.pendingReturn.unitId);
  // Units the timeline names (who returned it, who had it before a redispatch or escalation), so it reads by name.
  for (const { event } of events) for (const id of unitIdsIn(event.details)) unitIds.add(id);
  const units = await unitRefs(db, [...unitIds]);
  const visibility = {
    viewerUserId: actor.kind === 'user' ? actor.id : null,
    seesAnonymous: can(actor.roles, 'cases.reveal'),
    seesNames: can(actor.roles, 'cases.read') || can(actor.roles, 'cases.read-unit'),
  };
  const waiting = BEFORE_DISPATCH.includes(row.state);
  return {
    case: presentCaseSummary(summary),
    workflow: presentWorkflow(row.snapshot),
    units: units.map(unitRef),
    reports: reports.map((r) => presentReport(r, visibility)),
    timeline: presentTimelineFor(events, reports, visibility),
    duplicateSuggestions:
      can(actor.roles, 'cases.read') && (row.state === 'reported' || row.state === 'registered')
        ? await duplicatesOfCase(db, row, matter)
        : [],
    routing:
      waiting && can(actor.roles, 'cases.operate')
        ? await suggestRouting(db, row, matter, now, actor.locale as Locale)
        : null,
    matterForm: matter.formFields.map(({ values, ...field }) => ({
      ...field,
      ...(values ? { values: [...values] } : {}),
    })),
  };
}

const UNIT_KEYS = ['unitId', 'fromUnitId', 'fromCommandUnitId', 'toCommandUnitId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unitIdsIn(details: Record<string, unknown>): string[] {
  const ids = UNIT_KEYS.map((key) => details[key]);
  if (Array.isArray(details.unitIds)) ids.push(...details.unitIds);
  return ids.filter((id): id is string => typeof id === 'string' && UUID.test(id));
}

/** The workflow facts of the stored snapshot (stored as JSON already), without who-did-it user ids. */
export function presentWorkflow(s: StoredSnapshot): CaseDetail['workflow'] {
  return {
    handleDueAt: s.handleDueAt,
    assistingUnitIds: s.assistingUnitIds,
    pendingReturn: s.pendingReturn && {
      unitId: s.pendingReturn.unitId,
      reason: s.pendingReturn.reason,
      at: s.pendingReturn.at,
    },
    hold: s.hold && { ...s.hold, reviewAt: s.hold.reviewAt ?? null },
    extensions: s.extensions.map((e) => ({
      requestedAt: e.requestedAt,
      extra: e.extra,
      reason: e.reason,
      status: e.status,
      newDueAt: e.newDueAt,
    })),
    whistle: s.whistle && {
      blownAt: s.whistle.blownAt,
      units: s.whistle.units.map((u) => ({
        unitId: u.unitId,
        arriveBy: u.arriveBy,
        arrivedAt: u.arrivedAt,
        part: u.part,
      })),
    },
    feedback: s.feedback && { text: s.feedback.text, photoIds: s.feedback.photoIds, at: s.feedback.at },
    ratings: s.ratings.map((r) => ({
      rating: r.rating,
      unitAtFault: r.unitAtFault,
      comment: r.comment,
      at: r.at,
      additional: r.additional === true,
    })),
    voidReason: s.voidReason,
    duplicateOfCaseId: s.duplicateOfCaseId,
    supervisionCount: s.supervisionCount,
    reworkCount: s.reworkCount,
    returnCount: s.returnCount,
    redispatchCount: s.redispatchCount,
    dissatisfiedReopenCount: s.dissatisfiedReopenCount,
    escalationCount: s.escalationCount,
  };
}
