import type { Executor } from '../../db/client.js';
import { type AuditContext, type AuditEvent, recordSystemAudit } from '../audit/index.js';

/** Who the audit log names for what the 12345 platform sends: no account, a fixed label. */
export const HOTLINE_ACTOR_LABEL = 'hotline:12345';

/**
 * recordAudit for the webhook, whose caller is the hotline platform rather than an account or
 * API key. The hotline serves the whole county; a work order's case row says where it lies.
 */
export function recordHotlineAudit(tx: Executor, context: AuditContext, event: AuditEvent): Promise<void> {
  return recordSystemAudit(tx, { system: HOTLINE_ACTOR_LABEL, requestId: context.requestId }, event);
}
