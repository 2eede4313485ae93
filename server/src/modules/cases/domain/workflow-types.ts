import { CASE_STATES, type HandlingLevel, RATINGS, type Role } from '@yiwang/contracts';
import type { WorkingDuration } from './work-calendar.js';

/**
 * The vocabulary of the case state machine (`workflow.ts`): states, the case snapshot,
 * commands, timeline events, refusals and the local policy of the loop.
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
  /** When to look at the case again (挂账复查); null on holds stored before it was asked for. */
  readonly reviewAt: Date | null;
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
  | { readonly type: 'hold'; readonly reason: string; readonly reviewAt: Date }
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
  /** A hold's review date not after now. */
  | 'review-date-invalid'
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
