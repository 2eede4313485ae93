import { OPEN_STATES } from '@yiwang/contracts';
import { assertUnreachable } from './types.js';
import type { Actor, ActorRole, CaseSnapshot, CaseState, CommandType } from './workflow-types.js';

/**
 * Who may run which command on a case, and in which states (used by `transition`).
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

/** The command unit's desk roles (the rate command tells a callback from a resident by them). */
export const COMMAND_DESK: readonly ActorRole[] = ['operator', 'workstation_staff'];
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

/** Whether the actor stands in a relation to the case that one of the grants requires. */
export function checkRelations(
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
