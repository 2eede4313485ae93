import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import { can } from '../accounts/permissions.js';
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

/** The workflow's actor for an HTTP caller: its user (API keys act for no person), roles and unit. */
export function workflowActorOf(actor: Actor) {
  return { userId: actor.kind === 'user' ? actor.id : null, roles: actor.roles, unitId: actor.unitId };
}
