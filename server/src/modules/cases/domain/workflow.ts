import { CASE_STATES, type HandlingLevel, OPEN_STATES, RATINGS, type Role } from '@yiwang/contracts';
import { assertUnreachable, levelAbove } from './types.js';
import type { WorkingDuration } from './work-calendar.js';

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
 * ## Who may do what (roles, and the actor's relation to the case)
 * | command                                                                  | roles                                         | relation                          |
 * |--------------------------------------------------------------------------|-----------------------------------------------|-----------------------------------|
 * | register, void, dispatch, review_return, redispatch, hold, resume,        | operator, workstation_staff                   | actor's unit = case.commandUnitId |
 * |   approve_extension, reject_extension, escalate                           |                                               |                                   |
 * | whistle                                                                   | operator                                      | command unit, case at town level  |
 * | accept, return, submit_feedback, request_extension                        | handler, workstation_staff                    | actor's unit = case.assignedUnitId|
 * | report_arrival, record_part                                               | handler, workstation_staff                    | actor's unit was summoned         |
 * | verify_pass, verify_fail                                                  | grid_worker, patroller, supervisor            | any (data scope); not the person who gave the feedback |
 * |                                                                           | operator, workstation_staff                   | command unit, only when the matter needs no on-site check |
 * | rate                                                                      | resident                                      | a reporter, each once per closing |
 * |                                                                           | operator, workstation_staff                   | command unit (callback 回访)       |
 * | archive                                                                   | operator, workstation_staff                   | command unit                      |
 * |                                                                           | system                                        | —                                 |
 * | supervise                                                                 | operator, leader, supervisor, system          | any (data scope)                  |
 * | escalate (also)                                                           | system                                        | — (the matter's escalation rule)  |
 * The data scope (region subtree) is applied by the repository before the snapshot is
 * loaded, so "any" means any case the actor can see. {@link AUTHORITY} is this table.
 */

// One list of states for the API contract and the rules.
export { CASE_STATES };
export type CaseState = (typeof CASE_STATES)[number];

/** States a case can be put on hold from, and resumes to. */
export type HoldableState = 'registered' | 'dispatched' | 'accepted';

export { RATINGS };
export type Rating = (typeof RATINGS)[number];

/** Roles of people plus the platform itself (timers: auto-archive, auto-supervise overdue cases). */
export type ActorRole = Role | 'system';

export interface Actor {
  readonly userId: string | null;
  readonly roles: readonly ActorRole[];
  /** The actor's unit: a command center, workstation or department. */
  readonly unitId: string | null;
}

export interface PendingReturn {
  readonly unitId: string;
  readonly reason: string;
  readonly at: Date;
  readonly byUserId: string | null;
}

export interface Hold {
  readonly fromState: HoldableState;
  readonly reason: string;
  readonly since: Date;
}

export type ExtensionStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface Extension {
  readonly requestedAt: Date;
  readonly requestedByUserId: string | null;
  readonly extra: WorkingDuration;
  readonly reason: string;
  readonly status: ExtensionStatus;
  readonly decidedAt: Date | null;
  readonly decidedByUserId: string | null;
  readonly previousDueAt: Date | null;
  readonly newDueAt: Date | null;
}

export interface SummonedUnit {
  readonly unitId: string;
  readonly summonedAt: Date;
  readonly arriveBy: Date;
  readonly arrivedAt: Date | null;
  /** What the unit did (its part of the joint handling). */
  readonly part: string | null;
  readonly partRecordedAt: Date | null;
}

/** 吹哨: the town summons units to a problem it cannot solve alone. */
export interface Whistle {
  readonly blownAt: Date;
  readonly blownByUserId: string | null;
  readonly units: readonly SummonedUnit[];
}

export interface Feedback {
  readonly text: string;
  readonly photoIds: readonly string[];
  readonly at: Date;
  readonly byUserId: string | null;
}

export interface RatingRecord {
  readonly rating: Rating;
  /** The command unit's judgement on callback; null when the resident rated directly. */
  readonly unitAtFault: boolean | null;
  readonly comment: string | null;
  readonly at: Date;
  readonly byUserId: string | null;
  /** Another reporter's rating of a case already rated (并单): counted, but settles nothing. */
  readonly additional?: boolean;
}

/** Everything the rules need to know about a case. The repository maps it to rows. */
export interface CaseSnapshot {
  readonly id: string;
  readonly state: CaseState;
  readonly matterCode: string;
  readonly level: HandlingLevel;
  /** The command center or workstation that registers and dispatches the case at its level. */
  readonly commandUnitId: string;
  /** Who filed the first report (null: anonymous, a hotline or Open311 caller without an account). */
  readonly reporterUserId: string | null;
  /**
   * Every signed-in reporter of the case, merged reports too: each may rate it once. Read
   * from the case's reports whenever the case is loaded, never stored with the snapshot,
   * because reports join a case (并单, "me too") without a transition.
   */
  readonly reporterUserIds: readonly string[];
  /** From the matter catalog: only a check on site may close it. */
  readonly needsOnSiteVerification: boolean;
  readonly assignedUnitId: string | null;
  readonly assistingUnitIds: readonly string[];
  readonly handleDueAt: Date | null;
  readonly pendingReturn: PendingReturn | null;
  readonly hold: Hold | null;
  readonly extensions: readonly Extension[];
  readonly whistle: Whistle | null;
  readonly feedback: Feedback | null;
  readonly ratings: readonly RatingRecord[];
  readonly voidReason: string | null;
  readonly duplicateOfCaseId: string | null;
  readonly supervisionCount: number;
  readonly lastSupervisedAt: Date | null;
  /** Failed verifications sent back to handling (返工). */
  readonly reworkCount: number;
  /** Returns by units (退单), upheld or not. */
  readonly returnCount: number;
  /** Dispatches moved to another unit (改派): a wrong dispatch for 准确派遣率. */
  readonly redispatchCount: number;
  readonly dissatisfiedReopenCount: number;
  readonly escalationCount: number;
}

export type Command =
  | { readonly type: 'register'; readonly matterCode?: string }
  | { readonly type: 'void'; readonly reason: string; readonly duplicateOfCaseId?: string }
  | {
      readonly type: 'dispatch';
      readonly unitId: string;
      readonly assistingUnitIds?: readonly string[];
      readonly handleDueAt?: Date;
    }
  | { readonly type: 'accept' }
  | { readonly type: 'return'; readonly reason: string }
  | { readonly type: 'review_return'; readonly decision: 'uphold' | 'reject'; readonly note?: string }
  | {
      readonly type: 'redispatch';
      readonly unitId: string;
      readonly reason: string;
      readonly assistingUnitIds?: readonly string[];
      readonly handleDueAt?: Date;
    }
  | { readonly type: 'submit_feedback'; readonly text: string; readonly photoIds: readonly string[] }
  | { readonly type: 'verify_pass'; readonly note?: string; readonly photoIds?: readonly string[] }
  | { readonly type: 'verify_fail'; readonly reason: string; readonly handleDueAt?: Date }
  | {
      readonly type: 'rate';
      readonly rating: Rating;
      /** The command unit's judgement on callback; ignored from residents. */
      readonly unitAtFault?: boolean;
      readonly comment?: string;
      /** New handling due date should the rating reopen the case. */
      readonly handleDueAt?: Date;
    }
  | { readonly type: 'archive' }
  | { readonly type: 'hold'; readonly reason: string }
  | {
      readonly type: 'resume';
      /** The due date moved by the working time spent on hold (the caller computes it). */
      readonly handleDueAt?: Date;
    }
  | { readonly type: 'request_extension'; readonly extra: WorkingDuration; readonly reason: string }
  | { readonly type: 'approve_extension'; readonly newDueAt: Date; readonly note?: string }
  | { readonly type: 'reject_extension'; readonly note: string }
  | { readonly type: 'supervise'; readonly note?: string }
  | { readonly type: 'escalate'; readonly reason: string; readonly toCommandUnitId: string }
  | { readonly type: 'whistle'; readonly unitIds: readonly string[]; readonly arriveBy: Date; readonly note?: string }
  | { readonly type: 'report_arrival' }
  | { readonly type: 'record_part'; readonly text: string };

export type CommandType = Command['type'];

export const COMMAND_TYPES = [
  'register',
  'void',
  'dispatch',
  'accept',
  'return',
  'review_return',
  'redispatch',
  'submit_feedback',
  'verify_pass',
  'verify_fail',
  'rate',
  'archive',
  'hold',
  'resume',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'supervise',
  'escalate',
  'whistle',
  'report_arrival',
  'record_part',
] as const satisfies readonly CommandType[];

export type TimelineEventType =
  | 'reported'
  | 'registered'
  | 'voided'
  | 'dispatched'
  | 'accepted'
  | 'returned'
  | 'return_upheld'
  | 'return_rejected'
  | 'redispatched'
  | 'feedback_submitted'
  | 'verification_passed'
  | 'verification_failed'
  | 'closed'
  | 'rated'
  | 'reopened'
  | 'archived'
  | 'held'
  | 'resumed'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'extension_withdrawn'
  | 'supervised'
  | 'escalated'
  | 'whistle_blown'
  | 'unit_arrived'
  | 'unit_part_recorded';

export type TimelineValue = string | number | boolean | null | readonly string[];

/** One line of the case timeline (stored append-only beside the case). */
export interface TimelineEvent {
  readonly type: TimelineEventType;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly actorUnitId: string | null;
  readonly fromState: CaseState;
  readonly toState: CaseState;
  readonly details: Readonly<Record<string, TimelineValue>>;
}

export type TransitionRefusal =
  /** The actor's roles or relation to the case do not allow the command. */
  | 'not-authorized'
  | 'not-allowed-in-state'
  /** A reason, note, feedback or part that must be given was blank. */
  | 'text-required'
  | 'unit-required'
  /** Redispatch or escalation to the unit the case is already with. */
  | 'same-unit'
  | 'photos-required'
  /** Feedback while a summoned unit has not arrived and recorded its part. */
  | 'summoned-units-outstanding'
  /** A desk verification of a matter that must be checked on site. */
  | 'on-site-verification-required'
  /** The person who gave the feedback cannot verify it. */
  | 'conflict-of-interest'
  | 'extension-pending'
  | 'no-pending-extension'
  | 'extension-limit-reached'
  /** An extension of zero or negative length. */
  | 'invalid-duration'
  /** Extensions are asked for before the limit expires. */
  | 'time-limit-expired'
  /** A due date or arrival deadline not after now (or not after the current due date). */
  | 'due-date-invalid'
  | 'already-top-level'
  | 'whistle-needs-town-level'
  | 'already-summoned'
  | 'already-arrived'
  | 'not-arrived'
  /** A reporter rates a case once; a rated case takes only the other reporters' ratings. */
  | 'already-rated';

export type TransitionResult =
  | { readonly ok: true; readonly next: CaseSnapshot; readonly events: readonly TimelineEvent[] }
  | { readonly ok: false; readonly reason: TransitionRefusal };

/** Local rules of the loop. */
export interface WorkflowPolicy {
  readonly dissatisfiedReopen: {
    /** How many times a dissatisfied rating may send a case back to handling (default once). */
    readonly maxReopens: number;
    /** Reopen only when the command unit judged the unit at fault (DOMAIN-NOTES: "redo when dissatisfied through the unit's fault"). */
    readonly onlyWhenUnitAtFault: boolean;
  };
  /** Approved extensions per case. */
  readonly maxExtensions: number;
}

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = {
  dissatisfiedReopen: { maxReopens: 1, onlyWhenUnitAtFault: true },
  maxExtensions: 2,
};

/** How an actor must relate to the case for a grant to apply. */
export type Relation =
  | 'any'
  | 'command_unit'
  | 'assigned_unit'
  | 'summoned_unit'
  | 'reporter'
  /** Command unit, and the matter does not need an on-site check. */
  | 'command_unit_desk_check';

export interface Grant {
  readonly roles: readonly ActorRole[];
  readonly relation: Relation;
}

const COMMAND_DESK: readonly ActorRole[] = ['operator', 'workstation_staff'];
const UNIT_DESK: readonly ActorRole[] = ['handler', 'workstation_staff'];
const FIELD_CHECKERS: readonly ActorRole[] = ['grid_worker', 'patroller', 'supervisor'];
const commandUnit: readonly Grant[] = [{ roles: COMMAND_DESK, relation: 'command_unit' }];
const assignedUnit: readonly Grant[] = [{ roles: UNIT_DESK, relation: 'assigned_unit' }];
const summonedUnit: readonly Grant[] = [{ roles: UNIT_DESK, relation: 'summoned_unit' }];
const verifiers: readonly Grant[] = [
  { roles: FIELD_CHECKERS, relation: 'any' },
  { roles: COMMAND_DESK, relation: 'command_unit_desk_check' },
];

/** Who may issue each command: the table in the module comment, as data. */
export const AUTHORITY: Readonly<Record<CommandType, readonly Grant[]>> = {
  register: commandUnit,
  void: commandUnit,
  dispatch: commandUnit,
  accept: assignedUnit,
  return: assignedUnit,
  review_return: commandUnit,
  redispatch: commandUnit,
  submit_feedback: assignedUnit,
  verify_pass: verifiers,
  verify_fail: verifiers,
  rate: [
    { roles: ['resident'], relation: 'reporter' },
    { roles: COMMAND_DESK, relation: 'command_unit' },
  ],
  archive: [
    { roles: COMMAND_DESK, relation: 'command_unit' },
    { roles: ['system'], relation: 'any' },
  ],
  hold: commandUnit,
  resume: commandUnit,
  request_extension: assignedUnit,
  approve_extension: commandUnit,
  reject_extension: commandUnit,
  supervise: [{ roles: ['operator', 'leader', 'supervisor', 'system'], relation: 'any' }],
  // The system escalates an overdue case when its matter's rule says so.
  escalate: [...commandUnit, { roles: ['system'], relation: 'any' }],
  whistle: [{ roles: ['operator'], relation: 'command_unit' }],
  report_arrival: summonedUnit,
  record_part: summonedUnit,
};

/** The states in which each command is possible. */
export const ALLOWED_STATES: Readonly<Record<CommandType, readonly CaseState[]>> = {
  register: ['reported'],
  void: ['reported', 'registered'],
  dispatch: ['registered'],
  accept: ['dispatched'],
  return: ['dispatched'],
  review_return: ['returned'],
  redispatch: ['dispatched', 'accepted', 'returned'],
  submit_feedback: ['accepted'],
  verify_pass: ['handled'],
  verify_fail: ['handled'],
  // Once rated, a case still takes the ratings of its other reporters (merged reports).
  rate: ['closed', 'rated'],
  archive: ['closed', 'rated'],
  hold: ['registered', 'dispatched', 'accepted'],
  resume: ['on_hold'],
  request_extension: ['accepted'],
  approve_extension: ['accepted'],
  reject_extension: ['accepted'],
  supervise: OPEN_STATES,
  escalate: ['registered', 'dispatched', 'accepted', 'returned'],
  whistle: ['registered', 'dispatched', 'accepted'],
  report_arrival: ['registered', 'dispatched', 'accepted', 'returned'],
  record_part: ['registered', 'dispatched', 'accepted', 'returned'],
};

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

function checkRelations(
  grants: readonly Grant[],
  c: CaseSnapshot,
  actor: Actor,
): 'ok' | 'not-authorized' | 'on-site-verification-required' {
  let refusal: 'not-authorized' | 'on-site-verification-required' = 'not-authorized';
  for (const grant of grants) {
    switch (grant.relation) {
      case 'any':
        return 'ok';
      case 'command_unit':
        if (actor.unitId !== null && actor.unitId === c.commandUnitId) return 'ok';
        break;
      case 'assigned_unit':
        if (actor.unitId !== null && actor.unitId === c.assignedUnitId) return 'ok';
        break;
      case 'summoned_unit':
        if (actor.unitId !== null && c.whistle?.units.some((u) => u.unitId === actor.unitId)) return 'ok';
        break;
      case 'reporter':
        if (actor.userId !== null && c.reporterUserIds.includes(actor.userId)) return 'ok';
        break;
      case 'command_unit_desk_check':
        if (actor.unitId !== null && actor.unitId === c.commandUnitId) {
          if (!c.needsOnSiteVerification) return 'ok';
          refusal = 'on-site-verification-required';
        }
        break;
      default:
        return assertUnreachable(grant.relation);
    }
  }
  return refusal;
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
      const fromState = c.state as HoldableState; // ALLOWED_STATES.hold
      return done(
        { ...c, state: 'on_hold', hold: { fromState, reason: cmd.reason, since: now } },
        event('held', 'on_hold', { reason: cmd.reason }),
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
