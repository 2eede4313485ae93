import type { CaseCommandBody, CommandResult } from '@yiwang/contracts';
import type { Tx } from '../../../db/client.js';
import { DomainError, type ErrorCode } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { Permission } from '../../accounts/index.js';
import { accountsLookups } from '../../accounts/index.js';
import type { AuditContext } from '../../audit/index.js';
import type { CatalogMatter } from '../../catalog/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { attachPhotosToCase } from '../../photos/index.js';
import { regionsLookups } from '../../regions/index.js';
import { unitRefs } from '../../units/index.js';
import { type CaseDeps, matterOfCase, reportableMatter, stageLimitsOf } from '../case-deps.js';
import { commandUnitForRegion } from '../case-placement.js';
import { caseReportsRepository } from '../case-reports.repository.js';
import { caseScopeOf, isResidentOnly, workflowActorOf } from '../case-scope.js';
import { saveTransition } from '../case-writer.js';
import { type CaseRow, casesRepository } from '../cases.repository.js';
import { dueAfterHold } from '../domain/stage-clock.js';
import { levelAbove } from '../domain/types.js';
import { addWorkingDuration } from '../domain/work-calendar.js';
import { transition } from '../domain/workflow.js';
import type { CaseSnapshot, Command, CommandType, TransitionRefusal } from '../domain/workflow-types.js';
import { presentCaseSummary, presentCaseToReporter, presentTimelineEntry, stateParams } from '../present-case.js';
import { loadSnapshot } from '../snapshot-json.js';

/**
 * Which permission lets a caller try a command at all. The workflow then decides by role
 * and by the caller's relation to the case (its command unit, assigned unit…).
 */
export const COMMAND_PERMISSIONS: Readonly<Record<CommandType, Permission>> = {
  register: 'cases.operate',
  void: 'cases.operate',
  dispatch: 'cases.operate',
  review_return: 'cases.operate',
  redispatch: 'cases.operate',
  hold: 'cases.operate',
  resume: 'cases.operate',
  approve_extension: 'cases.operate',
  reject_extension: 'cases.operate',
  escalate: 'cases.operate',
  whistle: 'cases.operate',
  archive: 'cases.operate',
  accept: 'cases.handle',
  return: 'cases.handle',
  submit_feedback: 'cases.handle',
  request_extension: 'cases.handle',
  report_arrival: 'cases.handle',
  record_part: 'cases.handle',
  verify_pass: 'cases.verify',
  verify_fail: 'cases.verify',
  rate: 'cases.rate',
  supervise: 'cases.supervise',
};

/** Error codes of the workflow's refusals; who may not is 403, everything else a 409 or 422. */
export const REFUSAL_ERRORS: Readonly<Record<TransitionRefusal, ErrorCode>> = {
  'not-authorized': 'case-not-authorized',
  'not-allowed-in-state': 'case-not-allowed-in-state',
  'text-required': 'case-text-required',
  'unit-required': 'case-unit-required',
  'same-unit': 'case-same-unit',
  'photos-required': 'case-photos-required',
  'summoned-units-outstanding': 'case-summoned-units-outstanding',
  'on-site-verification-required': 'case-on-site-verification-required',
  'conflict-of-interest': 'case-conflict-of-interest',
  'extension-pending': 'case-extension-pending',
  'no-pending-extension': 'case-no-pending-extension',
  'extension-limit-reached': 'case-extension-limit-reached',
  'invalid-duration': 'case-invalid-duration',
  'time-limit-expired': 'case-time-limit-expired',
  'due-date-invalid': 'case-due-date-invalid',
  'review-date-invalid': 'case-hold-review-date',
  'already-top-level': 'case-already-top-level',
  'whistle-needs-town-level': 'case-whistle-needs-town-level',
  'already-summoned': 'case-already-summoned',
  'already-rated': 'case-already-rated',
  'already-arrived': 'case-already-arrived',
  'not-arrived': 'case-not-arrived',
};

export interface RunCaseCommandInput {
  code: string;
  command: CaseCommandBody;
  /** The version the caller last saw (If-Match); a stale one is refused with 409. */
  expectedVersion?: number | undefined;
  now: Date;
}

export interface CommandCaseOptions extends RunCaseCommandInput {
  actor: Actor;
  context: AuditContext;
  /** The request's Idempotency-Key claim: the worker app's outbox sends verifications with one. */
  idempotency: IdempotencyClaim | undefined;
}

/**
 * A command from the API, run once per Idempotency-Key: the key is claimed in the command's
 * transaction, so the same key and command again gets the first answer.
 */
export async function commandCase(
  deps: CaseDeps,
  options: CommandCaseOptions,
): Promise<IdempotentOutcome<CommandResult>> {
  const { actor, context, idempotency, ...input } = options;
  return runIdempotent(deps.db, idempotency, async (tx) => ({
    kind: 'updated',
    value: await runCaseCommand({ ...deps, db: tx }, actor, context, input),
  }));
}

/**
 * Applies a workflow command to a case: loads it in scope and locks it, turns the API
 * command into the domain's (due dates computed on the work calendar from the matter's
 * limits when not given, unit and case references checked), runs the pure transition
 * with the caller as actor, and stores snapshot, timeline, stage clock, timers, photo
 * attachments and the audit row in one transaction. A refusal is a coded error.
 */
export async function runCaseCommand(
  deps: CaseDeps,
  actor: Actor,
  context: AuditContext,
  input: RunCaseCommandInput,
): Promise<CommandResult> {
  const { now } = input;
  return deps.db.transaction(async (tx) => {
    const row = await casesRepository.lockInScope(tx, input.code, caseScopeOf(actor));
    if (!row) throw new DomainError('not-found');
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new DomainError('case-version-conflict', { version: row.version });
    }
    const matter = await matterOfCase(tx, row);
    // Who reported it matters only to a rating (each reporter rates once): read them only then.
    const reporters = input.command.type === 'rate' ? await caseReportsRepository.reporterUserIdsOf(tx, row.id) : [];
    const before = loadSnapshot(row.snapshot, reporters);
    const command = await toDomainCommand(deps, tx, actor, { row, before, matter, body: input.command, now });
    const result = transition(before, command, workflowActorOf(actor), now, deps.settings.policy);
    if (!result.ok) throw new DomainError(REFUSAL_ERRORS[result.reason], stateParams(before.state));
    // A case known only by its address is placed on the map before it becomes a case to dispatch.
    if (result.next.state === 'registered' && before.state === 'reported' && row.gridCode === null) {
      throw new DomainError('case-not-located');
    }

    let rules = matter;
    const extra: Partial<CaseRow> = {};
    if (result.next.matterCode !== before.matterCode) {
      rules = await reportableMatter(tx, result.next.matterCode, 'matterCode');
      Object.assign(extra, { matterVersion: rules.version, matterCategory: rules.category });
    }
    const saved = await saveTransition(tx, {
      row,
      after: result.next,
      events: result.events,
      now,
      limits: stageLimitsOf(rules, deps.settings),
      settings: deps.settings,
      extra,
    });
    if (!saved) throw new DomainError('case-version-conflict', { version: row.version });
    await attachCommandPhotos(tx, actor, row, input.command);
    await deps.audit(tx, context, {
      action: `case.${input.command.type}`,
      objectType: 'case',
      objectId: row.code,
      scopePath: row.path,
      details: { from: before.state, to: result.next.state, command: input.command },
    });
    const summary = await casesRepository.summaryById(tx, row.id);
    if (!summary) throw new Error('case just written is missing');
    const actorName =
      actor.kind === 'user' ? ((await accountsLookups.findUserById(tx, actor.id))?.displayName ?? null) : null;
    let presented = presentCaseSummary(summary);
    if (isResidentOnly(actor)) {
      // A reporter without the desk view (a resident rating): their own report's words only.
      const own = (await caseReportsRepository.reportsOf(tx, row.id)).find((r) => r.reporterUserId === actor.id);
      presented = presentCaseToReporter(presented, {
        description: own?.description ?? '',
        address: own?.address ?? null,
      });
    }
    return {
      case: presented,
      events: result.events.map((e) =>
        presentTimelineEntry({ id: 0, caseId: row.id, ...e, details: { ...e.details } }, actorName),
      ),
    };
  });
}

async function attachCommandPhotos(tx: Tx, actor: Actor, row: CaseRow, body: CaseCommandBody) {
  const photoIds = body.type === 'submit_feedback' || body.type === 'verify_pass' ? (body.photoIds ?? []) : [];
  if (photoIds.length === 0) return;
  const attached = await attachPhotosToCase(tx, {
    caseId: row.id,
    photoIds,
    scopePath: actor.scopePath,
    casePath: row.path,
  });
  if (!attached.ok) {
    throw new DomainError('invalid-reference', { what: attached.photoIds.join(', ') }, [
      { field: 'photoIds', code: 'invalid' },
    ]);
  }
}

const toDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

async function checkUnits(tx: Tx, ids: readonly string[], field: string): Promise<void> {
  const found = new Set((await unitRefs(tx, ids)).map((u) => u.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new DomainError('invalid-reference', { what: missing.join(', ') }, [{ field, code: 'invalid' }]);
  }
}

/**
 * The domain command for an API command: dates parsed, and the dates the workflow leaves
 * to the caller computed on the work calendar from the rules the case was opened under.
 */
async function toDomainCommand(
  deps: CaseDeps,
  tx: Tx,
  actor: Actor,
  ctx: { row: CaseRow; before: CaseSnapshot; matter: CatalogMatter; body: CaseCommandBody; now: Date },
): Promise<Command> {
  const { body, now, before, matter } = ctx;
  const { calendar } = deps.settings;
  const freshHandleDue = () => addWorkingDuration(now, matter.timeLimits.handle, calendar);
  switch (body.type) {
    case 'register':
      if (body.matterCode && body.matterCode !== before.matterCode) await reportableMatter(tx, body.matterCode);
      return body.matterCode ? { type: 'register', matterCode: body.matterCode } : { type: 'register' };
    case 'void': {
      if (!body.duplicateOfCaseCode) return { type: 'void', reason: body.reason };
      const original = await casesRepository.findInScope(tx, body.duplicateOfCaseCode, caseScopeOf(actor));
      if (!original || original.id === ctx.row.id) {
        throw new DomainError('invalid-reference', { what: body.duplicateOfCaseCode }, [
          { field: 'duplicateOfCaseCode', code: 'invalid' },
        ]);
      }
      return { type: 'void', reason: body.reason, duplicateOfCaseId: original.id };
    }
    case 'dispatch':
    case 'redispatch': {
      await checkUnits(tx, [body.unitId, ...(body.assistingUnitIds ?? [])], 'unitId');
      const common = {
        unitId: body.unitId,
        ...(body.assistingUnitIds ? { assistingUnitIds: body.assistingUnitIds } : {}),
        handleDueAt: toDate(body.handleDueAt) ?? freshHandleDue(),
      };
      return body.type === 'dispatch'
        ? { type: 'dispatch', ...common }
        : { type: 'redispatch', ...common, reason: body.reason };
    }
    case 'accept':
    case 'archive':
    case 'report_arrival':
      return { type: body.type };
    case 'return':
      return { type: body.type, reason: body.reason };
    case 'hold': {
      // Missing or unreadable is the same mistake as past (the workflow checks that): one message.
      const reviewAt = body.reviewAt === undefined ? Number.NaN : Date.parse(body.reviewAt);
      if (Number.isNaN(reviewAt)) throw new DomainError('case-hold-review-date');
      return { type: 'hold', reason: body.reason, reviewAt: new Date(reviewAt) };
    }
    case 'review_return':
      return {
        type: 'review_return',
        decision: body.decision,
        ...(body.note !== undefined ? { note: body.note } : {}),
      };
    case 'submit_feedback':
      return { type: 'submit_feedback', text: body.text, photoIds: body.photoIds ?? [] };
    case 'verify_pass':
      return {
        type: 'verify_pass',
        ...(body.note !== undefined ? { note: body.note } : {}),
        photoIds: body.photoIds ?? [],
      };
    case 'verify_fail':
      // Rework gets the matter's handling limit again, from now.
      return { type: 'verify_fail', reason: body.reason, handleDueAt: toDate(body.handleDueAt) ?? freshHandleDue() };
    case 'rate':
      return {
        type: 'rate',
        rating: body.rating,
        ...(body.unitAtFault !== undefined ? { unitAtFault: body.unitAtFault } : {}),
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        handleDueAt: toDate(body.handleDueAt) ?? freshHandleDue(),
      };
    case 'resume': {
      // No clock runs on hold: the due date moves on by the working time spent parked.
      const { hold, handleDueAt } = before;
      return hold && handleDueAt
        ? { type: 'resume', handleDueAt: dueAfterHold(handleDueAt, hold.since, now, calendar) }
        : { type: 'resume' };
    }
    case 'request_extension':
      return { type: 'request_extension', extra: body.extra, reason: body.reason };
    case 'approve_extension': {
      const pending = before.extensions.find((e) => e.status === 'pending');
      const from = new Date(Math.max(now.getTime(), before.handleDueAt?.getTime() ?? 0));
      const newDueAt = toDate(body.newDueAt) ?? (pending ? addWorkingDuration(from, pending.extra, calendar) : from);
      return { type: 'approve_extension', newDueAt, ...(body.note !== undefined ? { note: body.note } : {}) };
    }
    case 'reject_extension':
      return { type: 'reject_extension', note: body.note };
    case 'supervise':
      return { type: 'supervise', ...(body.note !== undefined ? { note: body.note } : {}) };
    case 'escalate':
      return { type: 'escalate', reason: body.reason, toCommandUnitId: await escalationTarget(tx, ctx.row, before) };
    case 'whistle': {
      await checkUnits(tx, body.unitIds, 'unitIds');
      const arriveBy = toDate(body.arriveBy) ?? new Date(now.getTime() + deps.settings.whistleArrivalMinutes * 60_000);
      return {
        type: 'whistle',
        unitIds: body.unitIds,
        arriveBy,
        ...(body.note !== undefined ? { note: body.note } : {}),
      };
    }
    case 'record_part':
      return { type: 'record_part', text: body.text };
    default: {
      const unknown: never = body;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The command unit one level up for the case's region. At the top there is none; the
 * case's own unit is passed and the workflow answers already-top-level.
 */
export async function escalationTarget(tx: Tx, row: CaseRow, snapshot: CaseSnapshot): Promise<string> {
  const level = levelAbove(snapshot.level);
  if (level === null) return snapshot.commandUnitId;
  const region = await regionsLookups.findByCode(tx, row.regionCode);
  if (!region) throw new Error(`region ${row.regionCode} missing`);
  return (await commandUnitForRegion(tx, level, region.path)).unitId;
}
