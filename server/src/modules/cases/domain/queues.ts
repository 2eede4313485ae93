import { CASE_QUEUES, type CaseQueueName, type Role, type TimeState } from '@yiwang/contracts';
import { assertUnreachable } from './types.js';
import type { CaseSnapshot, CaseState } from './workflow-types.js';

/**
 * The desk's work queues (工作台), as data: each is a set of states, the caller's unit's
 * relation to the case, and at most one more condition. The repository turns a definition
 * into SQL; {@link isInQueue} reads the same definition over a snapshot, so the two cannot
 * mean different things without a plain test noticing.
 */

/** How the caller's unit stands to the case. */
export type QueueRelation =
  /** The unit commands the case (registers, dispatches, calls back). */
  | 'command_unit'
  /** The unit the case is dispatched to. */
  | 'assigned_unit'
  /** The unit was summoned by a whistle (吹哨) and has not arrived. */
  | 'summoned_unit';

export type QueueCondition =
  /** A whistle's summoned units have not all arrived. */
  | 'awaiting_arrivals'
  /** The hold reached its review date (the hold-review timer marked it overdue). */
  | 'review_due'
  /** The running limit is in warning or overdue. */
  | 'time_pressed'
  /** Sent back to handling: a failed verification (返工) or a dissatisfied rating's reopening. */
  | 'reworked';

export interface QueueDefinition {
  readonly id: CaseQueueName;
  readonly states: readonly CaseState[];
  readonly relation: QueueRelation;
  readonly condition?: QueueCondition;
  /** The roles that have this queue on their desk. */
  readonly roles: readonly Role[];
}

const COMMAND_DESK: readonly Role[] = ['operator', 'workstation_staff'];
const UNIT_DESK: readonly Role[] = ['handler', 'workstation_staff'];
/** The states a whistle's units can still report in (ALLOWED_STATES.report_arrival). */
const WHISTLE_STATES: readonly CaseState[] = ['registered', 'dispatched', 'accepted', 'returned'];

export const QUEUES: Readonly<Record<CaseQueueName, QueueDefinition>> = {
  intake: { id: 'intake', states: ['reported'], relation: 'command_unit', roles: COMMAND_DESK },
  // Registered cases: new ones, those escalated from below, and upheld returns.
  dispatch: { id: 'dispatch', states: ['registered'], relation: 'command_unit', roles: COMMAND_DESK },
  returned: { id: 'returned', states: ['returned'], relation: 'command_unit', roles: COMMAND_DESK },
  callback: { id: 'callback', states: ['closed'], relation: 'command_unit', roles: COMMAND_DESK },
  // Only a town's operator blows the whistle (AUTHORITY.whistle).
  whistle: {
    id: 'whistle',
    states: WHISTLE_STATES,
    relation: 'command_unit',
    condition: 'awaiting_arrivals',
    roles: ['operator'],
  },
  hold_due: {
    id: 'hold_due',
    states: ['on_hold'],
    relation: 'command_unit',
    condition: 'review_due',
    roles: COMMAND_DESK,
  },
  unit_inbox: { id: 'unit_inbox', states: ['dispatched'], relation: 'assigned_unit', roles: UNIT_DESK },
  unit_due_soon: {
    id: 'unit_due_soon',
    states: ['dispatched', 'accepted'],
    relation: 'assigned_unit',
    condition: 'time_pressed',
    roles: UNIT_DESK,
  },
  // The unit's return waits for the command unit's review: it is still the unit's case until then.
  unit_returned: { id: 'unit_returned', states: ['returned'], relation: 'assigned_unit', roles: UNIT_DESK },
  unit_rework: {
    id: 'unit_rework',
    states: ['accepted'],
    relation: 'assigned_unit',
    condition: 'reworked',
    roles: UNIT_DESK,
  },
  unit_handling: { id: 'unit_handling', states: ['accepted'], relation: 'assigned_unit', roles: UNIT_DESK },
  unit_summoned: { id: 'unit_summoned', states: WHISTLE_STATES, relation: 'summoned_unit', roles: UNIT_DESK },
};

/** The queues on the desk of someone with these roles, in the desk's order. */
export function queuesFor(roles: readonly string[]): QueueDefinition[] {
  return CASE_QUEUES.map((id) => QUEUES[id]).filter((q) => q.roles.some((r) => roles.includes(r)));
}

/** What a queue looks at: the snapshot and the time state of its running limit. */
export type QueuedCase = Pick<
  CaseSnapshot,
  'state' | 'commandUnitId' | 'assignedUnitId' | 'whistle' | 'reworkCount' | 'dissatisfiedReopenCount'
> & { readonly timeState: TimeState };

/** Whether the case is in the queue of this unit (the reading the repository's SQL must agree with). */
export function isInQueue(queue: QueueDefinition, c: QueuedCase, unitId: string): boolean {
  if (!queue.states.includes(c.state)) return false;
  if (!relationHolds(queue.relation, c, unitId)) return false;
  return queue.condition === undefined || conditionHolds(queue.condition, c);
}

function relationHolds(relation: QueueRelation, c: QueuedCase, unitId: string): boolean {
  switch (relation) {
    case 'command_unit':
      return c.commandUnitId === unitId;
    case 'assigned_unit':
      return c.assignedUnitId === unitId;
    case 'summoned_unit':
      return c.whistle?.units.some((u) => u.unitId === unitId && u.arrivedAt === null) === true;
    default:
      return assertUnreachable(relation);
  }
}

function conditionHolds(condition: QueueCondition, c: QueuedCase): boolean {
  switch (condition) {
    case 'awaiting_arrivals':
      return c.whistle?.units.some((u) => u.arrivedAt === null) === true;
    case 'review_due':
      return c.timeState === 'overdue';
    case 'time_pressed':
      return c.timeState !== 'normal';
    case 'reworked':
      return c.reworkCount > 0 || c.dissatisfiedReopenCount > 0;
    default:
      return assertUnreachable(condition);
  }
}
