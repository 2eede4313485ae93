import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.js';

/**
 * An account given a one-time password (the first administrator, `npm run admin:create`)
 * has to replace it before anything else: every /api route but those marked
 * `allowBeforePasswordChange` (session info, change password, logout) answers 403. Checked
 * for every route in the authentication hook, so no route can forget it.
 */
export function refuseUntilPasswordChanged(request: FastifyRequest): void {
  if (request.actor?.mustChangePassword && !request.routeOptions.config?.allowBeforePasswordChange) {
    throw new DomainError('password-change-required');
  }
}
