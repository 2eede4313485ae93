import type { Executor } from '../../db/client.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { AuditContext, AuditEvent } from '../audit/index.js';

/** Who the audit log names for what the 12345 platform sends: no account, a fixed label. */
export const HOTLINE_ACTOR_LABEL = 'hotline:12345';

/** recordAudit for the webhook, whose caller is the hotline platform rather than an account or API key. */
export function recordHotlineAudit(tx: Executor, context: AuditContext, event: AuditEvent): Promise<void> {
  return auditRepository.append(tx, {
    actorId: null,
    actorLabel: HOTLINE_ACTOR_LABEL,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: context.requestId,
    details: event.details ?? {},
    // The hotline serves the whole county; a work order's case row says where it lies.
    scopePath: event.scopePath ?? null,
  });
}
