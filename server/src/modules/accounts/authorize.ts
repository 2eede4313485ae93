import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import type { AuditContext } from '../audit/index.js';
import { can, type Permission } from './permissions.js';

/**
 * The caller, if allowed to do `permission`; otherwise 401 (not signed in) or 403.
 * `allowDuringEnrollment` lets an admin who still must set up TOTP reach the
 * enrollment endpoints and nothing else.
 */
export function authorize(
  request: FastifyRequest,
  permission: Permission | null,
  { allowDuringEnrollment = false }: { allowDuringEnrollment?: boolean } = {},
): Actor {
  const actor = request.actor;
  if (!actor) throw new DomainError('unauthenticated');
  if (actor.totpEnrollmentRequired && !allowDuringEnrollment) throw new DomainError('totp-enrollment-required');
  if (permission && !can(actor.roles, permission)) throw new DomainError('forbidden');
  return actor;
}

export const auditContextOf = (request: FastifyRequest): AuditContext => ({
  actor: request.actor
    ? { id: request.actor.id, label: request.actor.label, scopePath: request.actor.scopePath }
    : null,
  requestId: String(request.id),
});
