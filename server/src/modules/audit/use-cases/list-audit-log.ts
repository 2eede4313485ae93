import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditFilter, auditRepository } from '../audit.repository.js';

/** Audit rows the caller may read (their scope's; county-wide auditors all), newest first, a page of them. */
export function listAuditLog(
  deps: { db: Db },
  options: { actor: Actor; filter: AuditFilter; page: { limit: number; offset: number } },
) {
  return auditRepository.list(deps.db, options.filter, options.page, options.actor.scopePath);
}
