import type { HandlingLevel } from '@yiwang/contracts';
import { ALLOWED_STATES, AUTHORITY, COMMAND_DESK, checkRelations } from './authority.js';
import { assertUnreachable, levelAbove } from './types.js';
import {
  type Actor,
  type ActorRole,
  type CaseSnapshot,
  type CaseState,
  type Command,
  DEFAULT_WORKFLOW_POLICY,
  type Extension,
  type ExtensionStatus,
  type HoldableState,
  type RatingRecord,
  type SummonedUnit,
  type TimelineEvent,
  type TimelineEventType,
  type TimelineValue,
  type TransitionRefusal,
  type TransitionResult,
  type Whistle,
  type WorkflowPolicy,
} from './workflow-types.js';

/**
/**
 * The case state machine: Jiangyin's "269" closed loop, 上报 → 立案 → 派遣 → 处置 → 反馈 →
 * 核查 → 结案 → 评价 → 归档, with the side paths practice needs: void (作废), return and
 * redispatch (退单/改派), rework after a failed check (返工), one reopening after a
 * dissatisfied rating, hold (挂账), extension (延期), supervision (督办), escalation
 * (community → town → city) and the town's whistle (街乡吹哨、部门报到).
 *
 * `transition` is pure: no clock, no I/O. The caller loads the snapshot, passes `now`,
 * stores `next` and appends `events` to the case timeline in one transaction. Dates that
 * need the work calendar and the matter catalog (handling due dates) are computed by the
 * caller and passed in on the commands that set them.
 *
 * ## States
 * | state        | meaning                                                          |
 * |--------------|------------------------------------------------------------------|
 * | reported     | 上报: in the intake queue of the command unit                     |
 * | registered   | 立案: a case, waiting for dispatch at its level's command unit    |
 * | voided       | 作废: not a case (duplicate, invalid, out of scope) — terminal     |
 * | dispatched   | 派遣: sent to a unit, not yet accepted                             |
 * | accepted     | 处置中: the unit is handling it                                    |
 * | returned     | 退单: the unit returned it; the command unit reviews the return    |
 * | handled      | 已反馈: the unit gave feedback; waiting for verification           |
 * | closed       | 结案: verified done; waiting for the rating (回访)                 |
 * | rated        | 已评价                                                            |
 * | archived     | 归档 — terminal                                                   |
 * | on_hold      | 挂账: parked (needs funds, a season, a court); the clock stops     |
 * There is no separate "verified" state: passing verification is what closes a case in
 * the Jiangyin loop, so a state whose only exit is "close" would add a click, not a check.
 *
 * The types live in `workflow-types.ts`; who may issue which command in which state, in
 * `authority.ts`.
 */

/** Which time limit runs in a state; null when no clock runs (finished, voided, on hold). */
export type ClockStage = 'register' | 'dispatch' | 'handle' | 'verify' | 'callback' | null;

/**
 * The clock of a state, for the timers and the overdue/warning display. Handling time
 * runs from dispatch (a unit that sits on an unaccepted case spends its own time); a
 * return under review is the command unit's dispatch time again.
 */
export function clockStage(state: CaseState): ClockStage {
  switch (state) {
    case 'reported':
      return 'register';
    case 'registered':
    case 'returned':
      return 'dispatch';
    case 'dispatched':
    case 'accepted':
      return 'handle';
    case 'handled':
      return 'verify';
    case 'closed':
      return 'callback';
    case 'voided':
    case 'rated':
    case 'archived':
    case 'on_hold':
      return null;
    default:
      return assertUnreachable(state);
  }
}

/**
 * Whether a rating by this reporter would be taken now: a closed case waits for its
 * rating; a rated case still takes each other reporter's once (until it is closed again).
 */
export function reporterMayRate(c: CaseSnapshot, userId: string): boolean {
  if (!c.reporterUserIds.includes(userId)) return false;
  if (c.state === 'closed') return true;
  if (c.state !== 'rated') return false;
  const settling = c.ratings.findLastIndex((r) => !r.additional);
  return !c.ratings.slice(Math.max(0, settling)).some((r) => r.byUserId === userId);
}

/** A new case as intake creates it (上报), with its first timeline event. */
export function reportCase(
  input: {
    readonly id: string;
    readonly matterCode: string;
    readonly level: HandlingLevel;
    readonly commandUnitId: string;
    readonly reporterUserId: string | null;
    readonly needsOnSiteVerification: boolean;
    readonly channel: string;
  },
  now: Date,
): { snapshot: CaseSnapshot; event: TimelineEvent } {
  const snapshot: CaseSnapshot = {
    id: input.id,
    state: 'reported',
    matterCode: input.matterCode,
    level: input.level,
    commandUnitId: input.commandUnitId,
    reporterUserId: input.reporterUserId,
    reporterUserIds: input.reporterUserId === null ? [] : [input.reporterUserId],
    needsOnSiteVerification: input.needsOnSiteVerification,
    assignedUnitId: null,
    assistingUnitIds: [],
    handleDueAt: null,
    pendingReturn: null,
    hold: null,
    extensions: [],
    whistle: null,
    feedback: null,
    ratings: [],
    voidReason: null,
    duplicateOfCaseId: null,
    supervisionCount: 0,
    lastSupervisedAt: null,
    reworkCount: 0,
    returnCount: 0,
    redispatchCount: 0,
    dissatisfiedReopenCount: 0,
    escalationCount: 0,
  };
  return {
    snapshot,
    event: {
      type: 'reported',
      at: now,
      actorUserId: input.reporterUserId,
      actorUnitId: null,
      fromState: 'reported',
      toState: 'reported',
      details: { channel: input.channel, matterCode: input.matterCode, level: input.level },
    },
  };
}

/**
 * Applies a command to a case. Checks, in order: the actor holds a role that may ever
 * issue the command (not-authorized); the case's state allows it (not-allowed-in-state);
 * the actor stands in the required relation to this case (not-authorized or a more
 * precise reason); then the command's own preconditions.
 */
export function transition(
  caseState: CaseSnapshot,
  command: Command,
  actor: Actor,
  now: Date,
  policy: WorkflowPolicy = DEFAULT_WORKFLOW_POLICY,
): TransitionResult {
  const grants = AUTHORITY[command.type].filter((g) => g.roles.some((r) => actor.roles.includes(r)));
  if (grants.length === 0) return refuse('not-authorized');
  if (!ALLOWED_STATES[command.type].includes(caseState.state)) return refuse('not-allowed-in-state');
  const relation = checkRelations(grants, caseState, actor);
  if (relation !== 'ok') return refuse(relation);
  return apply(caseState, command, actor, now, policy);
}

function apply(c: CaseSnapshot, cmd: Command, actor: Actor, now: Date, policy: WorkflowPolicy): TransitionResult {
  const event = (
    type: TimelineEventType,
    toState: CaseState,
    details: Record<string, TimelineValue> = {},
  ): TimelineEvent => ({
    type,
    at: now,
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    fromState: c.state,
    toState,
    details,
  });

  switch (cmd.type) {
    case 'register': {
      const matterCode = cmd.matterCode ?? c.matterCode;
      const details: Record<string, TimelineValue> =
        matterCode === c.matterCode ? {} : { matterCode, previousMatterCode: c.matterCode };
      return done({ ...c, state: 'registered', matterCode }, event('registered', 'registered', details));
    }

    case 'void': {
      if (isBlank(cmd.reason)) return refuse('text-required');
      const duplicateOf = cmd.duplicateOfCaseId ?? null;
      return done(
        { ...c, state: 'voided', voidReason: cmd.reason, duplicateOfCaseId: duplicateOf },
        event('voided', 'voided', { reason: cmd.reason, duplicateOfCaseId: duplicateOf }),
      );
    }

    case 'dispatch': {
      if (isBlank(cmd.unitId)) return refuse('unit-required');
      if (cmd.handleDueAt && cmd.handleDueAt.getTime() <= now.getTime()) return refuse('due-date-invalid');
      const assisting = (cmd.assistingUnitIds ?? []).filter((u) => u !== cmd.unitId);
      return done(
        {
          ...c,
          state: 'dispatched',
          assignedUnitId: cmd.unitId,
          assistingUnitIds: assisting,
          handleDueAt: cmd.handleDueAt ?? null,
        },
        event('dispatched', 'dispatched', {
          unitId: cmd.unitId,
          assistingUnitIds: assisting,
          handleDueAt: iso(cmd.handleDueAt ?? null),
        }),
      );
    }

    case 'accept':
      return done({ ...c, state: 'accepted' }, event('accepted', 'accepted'));

    case 'return': {
      if (isBlank(cmd.reason)) return refuse('text-required');
      const unitId = c.assignedUnitId as string; // the relation check guarantees it
      return done(
        {
          ...c,
          state: 'returned',
          pendingReturn: { unitId, reason: cmd.reason, at: now, byUserId: actor.userId },
          returnCount: c.returnCount + 1,
        },
        event('returned', 'returned', { unitId, reason: cmd.reason }),
      );
    }

    case 'review_return': {
      const returnedBy = c.pendingReturn?.unitId ?? c.assignedUnitId;
      if (cmd.decision === 'uphold') {
        // The return was justified: back to the command unit's dispatch queue.
        return done(
          {
            ...c,
            state: 'registered',
            assignedUnitId: null,
            assistingUnitIds: [],
            handleDueAt: null,
            pendingReturn: null,
          },
          event('return_upheld', 'registered', { unitId: returnedBy, note: cmd.note ?? null }),
        );
      }
      if (isBlank(cmd.note)) return refuse('text-required');
      // A rejected return obliges the unit to handle: straight to handling, so the case
      // cannot bounce between the unit and the command center.
      return done(
        { ...c, state: 'accepted', pendingReturn: null },
        event('return_rejected', 'accepted', { unitId: returnedBy, note: cmd.note ?? null }),
      );
    }

    case 'redispatch': {
      if (isBlank(cmd.unitId)) return refuse('unit-required');
      if (isBlank(cmd.reason)) return refuse('text-required');
      if (cmd.unitId === c.assignedUnitId) return refuse('same-unit');
      if (cmd.handleDueAt && cmd.handleDueAt.getTime() <= now.getTime()) return refuse('due-date-invalid');
      const assisting = (cmd.assistingUnitIds ?? []).filter((u) => u !== cmd.unitId);
      const withdrawn = pendingExtension(c) ? [event('extension_withdrawn', 'dispatched')] : [];
      return done(
        {
          ...c,
          state: 'dispatched',
          assignedUnitId: cmd.unitId,
          assistingUnitIds: assisting,
          handleDueAt: cmd.handleDueAt ?? null,
          pendingReturn: null,
          extensions: withdrawPending(c.extensions, now, actor),
          redispatchCount: c.redispatchCount + 1,
        },
        event('redispatched', 'dispatched', {
          fromUnitId: c.assignedUnitId,
          unitId: cmd.unitId,
          reason: cmd.reason,
          returnUpheld: c.state === 'returned',
          handleDueAt: iso(cmd.handleDueAt ?? null),
        }),
        ...withdrawn,
      );
    }

    case 'submit_feedback': {
      if (isBlank(cmd.text)) return refuse('text-required');
      if (c.needsOnSiteVerification && cmd.photoIds.length === 0) return refuse('photos-required');
      if (c.whistle?.units.some((u) => u.arrivedAt === null || u.part === null))
        return refuse('summoned-units-outstanding');
      const events = [
        event('feedback_submitted', 'handled', { text: cmd.text, photoIds: [...cmd.photoIds] }),
        ...(pendingExtension(c) ? [event('extension_withdrawn', 'handled')] : []),
      ];
      return done(
        {
          ...c,
          state: 'handled',
          feedback: { text: cmd.text, photoIds: [...cmd.photoIds], at: now, byUserId: actor.userId },
          extensions: withdrawPending(c.extensions, now, actor),
        },
        ...events,
      );
    }

    case 'verify_pass':
    case 'verify_fail': {
      if (actor.userId !== null && actor.userId === c.feedback?.byUserId) return refuse('conflict-of-interest');
      if (cmd.type === 'verify_pass') {
        return done(
          { ...c, state: 'closed' },
          event('verification_passed', 'closed', { note: cmd.note ?? null, photoIds: [...(cmd.photoIds ?? [])] }),
          event('closed', 'closed'),
        );
      }
      if (isBlank(cmd.reason)) return refuse('text-required');
      if (cmd.handleDueAt && cmd.handleDueAt.getTime() <= now.getTime()) return refuse('due-date-invalid');
      return done(
        {
          ...c,
          state: 'accepted',
          feedback: null,
          reworkCount: c.reworkCount + 1,
          handleDueAt: cmd.handleDueAt ?? c.handleDueAt,
        },
        event('verification_failed', 'accepted', { reason: cmd.reason, reworkCount: c.reworkCount + 1 }),
      );
    }

    case 'rate': {
      // Only the command unit's callback judges fault; a resident's own rating cannot.
      const byDesk = actor.unitId !== null && actor.unitId === c.commandUnitId && hasAnyRole(actor, COMMAND_DESK);
      if (c.state === 'rated') {
        // The first rating of a closing settled the callback (and any reopening); later ones
        // are the other reporters' voices, kept on the case and its timeline, changing nothing.
        if (byDesk || actor.userId === null || !reporterMayRate(c, actor.userId)) return refuse('already-rated');
        const record: RatingRecord = {
          rating: cmd.rating,
          unitAtFault: null,
          comment: cmd.comment ?? null,
          at: now,
          byUserId: actor.userId,
          additional: true,
        };
        return done(
          { ...c, ratings: [...c.ratings, record] },
          event('rated', 'rated', { rating: cmd.rating, unitAtFault: null, comment: record.comment, additional: true }),
        );
      }
      const unitAtFault = byDesk ? (cmd.unitAtFault ?? null) : null;
      const record: RatingRecord = {
        rating: cmd.rating,
        unitAtFault,
        comment: cmd.comment ?? null,
        at: now,
        byUserId: actor.userId,
      };
      const rule = policy.dissatisfiedReopen;
      const reopen =
        cmd.rating === 'dissatisfied' &&
        c.dissatisfiedReopenCount < rule.maxReopens &&
        (!rule.onlyWhenUnitAtFault || unitAtFault === true);
      if (reopen && cmd.handleDueAt && cmd.handleDueAt.getTime() <= now.getTime()) return refuse('due-date-invalid');
      const rated = event('rated', reopen ? 'accepted' : 'rated', {
        rating: cmd.rating,
        unitAtFault,
        comment: record.comment,
      });
      if (!reopen) return done({ ...c, state: 'rated', ratings: [...c.ratings, record] }, rated);
      return done(
        {
          ...c,
          state: 'accepted',
          ratings: [...c.ratings, record],
          feedback: null,
          dissatisfiedReopenCount: c.dissatisfiedReopenCount + 1,
          handleDueAt: cmd.handleDueAt ?? c.handleDueAt,
        },
        rated,
        event('reopened', 'accepted', { dissatisfiedReopenCount: c.dissatisfiedReopenCount + 1 }),
      );
    }

    case 'archive':
      return done({ ...c, state: 'archived' }, event('archived', 'archived'));

    case 'hold': {
      if (isBlank(cmd.reason)) return refuse('text-required');
      if (!(cmd.reviewAt.getTime() > now.getTime())) return refuse('review-date-invalid');
      const fromState = c.state as HoldableState; // ALLOWED_STATES.hold
      return done(
        { ...c, state: 'on_hold', hold: { fromState, reason: cmd.reason, since: now, reviewAt: cmd.reviewAt } },
        event('held', 'on_hold', { reason: cmd.reason, reviewAt: iso(cmd.reviewAt) }),
      );
    }

    case 'resume': {
      const hold = c.hold;
      if (hold === null) return refuse('not-allowed-in-state');
      if (cmd.handleDueAt && cmd.handleDueAt.getTime() <= now.getTime()) return refuse('due-date-invalid');
      return done(
        { ...c, state: hold.fromState, hold: null, handleDueAt: cmd.handleDueAt ?? c.handleDueAt },
        event('resumed', hold.fromState, { heldSince: iso(hold.since), handleDueAt: iso(cmd.handleDueAt ?? null) }),
      );
    }

    case 'request_extension': {
      if (isBlank(cmd.reason)) return refuse('text-required');
      if (!(cmd.extra.amount > 0) || !Number.isFinite(cmd.extra.amount)) return refuse('invalid-duration');
      if (pendingExtension(c)) return refuse('extension-pending');
      if (c.extensions.filter((e) => e.status === 'approved').length >= policy.maxExtensions)
        return refuse('extension-limit-reached');
      if (c.handleDueAt && now.getTime() > c.handleDueAt.getTime()) return refuse('time-limit-expired');
      const extension: Extension = {
        requestedAt: now,
        requestedByUserId: actor.userId,
        extra: cmd.extra,
        reason: cmd.reason,
        status: 'pending',
        decidedAt: null,
        decidedByUserId: null,
        previousDueAt: c.handleDueAt,
        newDueAt: null,
      };
      return done(
        { ...c, extensions: [...c.extensions, extension] },
        event('extension_requested', c.state, {
          unit: cmd.extra.unit,
          amount: cmd.extra.amount,
          reason: cmd.reason,
        }),
      );
    }

    case 'approve_extension':
    case 'reject_extension': {
      const pending = pendingExtension(c);
      if (!pending) return refuse('no-pending-extension');
      if (cmd.type === 'reject_extension') {
        if (isBlank(cmd.note)) return refuse('text-required');
        return done(
          { ...c, extensions: decide(c.extensions, { status: 'rejected', decidedAt: now, by: actor, newDueAt: null }) },
          event('extension_rejected', c.state, { note: cmd.note }),
        );
      }
      const floor = Math.max(now.getTime(), c.handleDueAt?.getTime() ?? 0);
      if (cmd.newDueAt.getTime() <= floor) return refuse('due-date-invalid');
      return done(
        {
          ...c,
          handleDueAt: cmd.newDueAt,
          extensions: decide(c.extensions, { status: 'approved', decidedAt: now, by: actor, newDueAt: cmd.newDueAt }),
        },
        event('extension_approved', c.state, {
          previousDueAt: iso(c.handleDueAt),
          newDueAt: iso(cmd.newDueAt),
          note: cmd.note ?? null,
        }),
      );
    }

    case 'supervise':
      return done(
        { ...c, supervisionCount: c.supervisionCount + 1, lastSupervisedAt: now },
        event('supervised', c.state, { note: cmd.note ?? null, supervisionCount: c.supervisionCount + 1 }),
      );

    case 'escalate': {
      if (isBlank(cmd.reason)) return refuse('text-required');
      if (isBlank(cmd.toCommandUnitId)) return refuse('unit-required');
      const level = levelAbove(c.level);
      if (level === null) return refuse('already-top-level');
      if (cmd.toCommandUnitId === c.commandUnitId) return refuse('same-unit');
      // The upper level starts over from its own dispatch queue: assignment, pending
      // return, whistle and pending extension belonged to the lower level's handling.
      const withdrawn = pendingExtension(c) ? [event('extension_withdrawn', 'registered')] : [];
      return done(
        {
          ...c,
          state: 'registered',
          level,
          commandUnitId: cmd.toCommandUnitId,
          assignedUnitId: null,
          assistingUnitIds: [],
          handleDueAt: null,
          pendingReturn: null,
          whistle: null,
          extensions: withdrawPending(c.extensions, now, actor),
          escalationCount: c.escalationCount + 1,
        },
        event('escalated', 'registered', {
          fromLevel: c.level,
          toLevel: level,
          fromCommandUnitId: c.commandUnitId,
          toCommandUnitId: cmd.toCommandUnitId,
          reason: cmd.reason,
        }),
        ...withdrawn,
      );
    }

    case 'whistle': {
      if (c.level !== 'town') return refuse('whistle-needs-town-level');
      const unitIds = [...new Set(cmd.unitIds)];
      if (unitIds.length === 0 || unitIds.some(isBlank)) return refuse('unit-required');
      if (cmd.arriveBy.getTime() <= now.getTime()) return refuse('due-date-invalid');
      if (c.whistle?.units.some((u) => unitIds.includes(u.unitId))) return refuse('already-summoned');
      const summoned: SummonedUnit[] = unitIds.map((unitId) => ({
        unitId,
        summonedAt: now,
        arriveBy: cmd.arriveBy,
        arrivedAt: null,
        part: null,
        partRecordedAt: null,
      }));
      const whistle: Whistle = c.whistle
        ? { ...c.whistle, units: [...c.whistle.units, ...summoned] }
        : { blownAt: now, blownByUserId: actor.userId, units: summoned };
      return done(
        { ...c, whistle },
        event('whistle_blown', c.state, { unitIds, arriveBy: iso(cmd.arriveBy), note: cmd.note ?? null }),
      );
    }

    case 'report_arrival': {
      const unit = summonedUnitOf(c, actor);
      if (unit.arrivedAt !== null) return refuse('already-arrived');
      const late = now.getTime() > unit.arriveBy.getTime();
      return done(
        { ...c, whistle: updateSummoned(c, unit.unitId, { arrivedAt: now }) },
        event('unit_arrived', c.state, { unitId: unit.unitId, arriveBy: iso(unit.arriveBy), late }),
      );
    }

    case 'record_part': {
      const unit = summonedUnitOf(c, actor);
      if (unit.arrivedAt === null) return refuse('not-arrived');
      if (isBlank(cmd.text)) return refuse('text-required');
      return done(
        { ...c, whistle: updateSummoned(c, unit.unitId, { part: cmd.text, partRecordedAt: now }) },
        event('unit_part_recorded', c.state, { unitId: unit.unitId, text: cmd.text }),
      );
    }

    default:
      return assertUnreachable(cmd);
  }
}

function done(next: CaseSnapshot, ...events: TimelineEvent[]): TransitionResult {
  return { ok: true, next, events };
}

function refuse(reason: TransitionRefusal): TransitionResult {
  return { ok: false, reason };
}

function isBlank(text: string | undefined | null): boolean {
  return text === undefined || text === null || text.trim().length === 0;
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function hasAnyRole(actor: Actor, roles: readonly ActorRole[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

function pendingExtension(c: CaseSnapshot): Extension | undefined {
  return c.extensions.find((e) => e.status === 'pending');
}

function decide(
  extensions: readonly Extension[],
  decision: { status: ExtensionStatus; decidedAt: Date; by: Actor; newDueAt: Date | null },
): Extension[] {
  return extensions.map((e) =>
    e.status === 'pending'
      ? {
          ...e,
          status: decision.status,
          decidedAt: decision.decidedAt,
          decidedByUserId: decision.by.userId,
          newDueAt: decision.newDueAt,
        }
      : e,
  );
}

/** A pending request lapses when the handling it was for ends (feedback, redispatch, escalation). */
function withdrawPending(extensions: readonly Extension[], now: Date, actor: Actor): Extension[] {
  return decide(extensions, { status: 'withdrawn', decidedAt: now, by: actor, newDueAt: null });
}

function summonedUnitOf(c: CaseSnapshot, actor: Actor): SummonedUnit {
  // The summoned_unit relation check has already found it.
  return c.whistle?.units.find((u) => u.unitId === actor.unitId) as SummonedUnit;
}

function updateSummoned(c: CaseSnapshot, unitId: string, change: Partial<SummonedUnit>): Whistle | null {
  if (c.whistle === null) return null;
  return { ...c.whistle, units: c.whistle.units.map((u) => (u.unitId === unitId ? { ...u, ...change } : u)) };
}
