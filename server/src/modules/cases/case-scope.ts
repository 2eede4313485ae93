import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import { can } from '../accounts/index.js';
import type { CaseScope } from './cases.repository.js';

/**
 * Which cases a caller may read. Desks and field staff: every case in their data scope.
 * Department handlers (county-wide scope): only cases their unit commands, handles,
 * assists or was summoned to. Residents: only cases they reported (the reporter follows
 * a case, including one their report was merged into).
 */
export function caseScopeOf(actor: Actor): CaseScope {
  if (can(actor.roles, 'cases.read')) return { scopePath: actor.scopePath };
  if (can(actor.roles, 'cases.read-unit')) return { scopePath: actor.scopePath, unitId: actor.unitId };
  if (can(actor.roles, 'cases.read-own'))
    return { scopePath: actor.scopePath, reporterUserId: actor.kind === 'user' ? actor.id : null };
  throw new DomainError('forbidden');
}

/**
 * Which cases a caller may read in full (the desk view: every report, photo, timeline
 * note). Residents never: a report merged into someone else's case must not open it, so
 * they get their own reports and the public view (residents module) instead.
 */
export function deskCaseScopeOf(actor: Actor): CaseScope {
  if (isResidentOnly(actor)) throw new DomainError('forbidden');
  return caseScopeOf(actor);
}

/** A caller who may read only the cases they reported (a resident), not a desk or field account. */
export const isResidentOnly = (actor: Pick<Actor, 'roles'>): boolean =>
  !can(actor.roles, 'cases.read') && !can(actor.roles, 'cases.read-unit');

/** The county's path: the root of every scope path. */
export const countyPathOf = (scopePath: string): string => scopePath.split('/')[0] ?? scopePath;

/** The workflow's actor for an HTTP caller: its user (API keys act for no person), roles and unit. */
export function workflowActorOf(actor: Actor) {
  return { userId: actor.kind === 'user' ? actor.id : null, roles: actor.roles, unitId: actor.unitId };
}
