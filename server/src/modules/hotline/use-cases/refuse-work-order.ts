import type { Db } from '../../../db/client.js';
import type { AuditContext } from '../../audit/index.js';
import { recordHotlineAudit } from '../hotline-audit.js';
import type { SignatureCheck } from '../signature.js';

/** A work order whose signature did not hold: audited as denied (the route then answers 401). */
export async function refuseWorkOrder(
  deps: { db: Db },
  options: { context: AuditContext; reason: Extract<SignatureCheck, { ok: false }>['reason'] },
): Promise<void> {
  await deps.db.transaction((tx) =>
    recordHotlineAudit(tx, options.context, {
      action: 'hotline.rejected',
      objectType: 'hotline-work-order',
      outcome: 'denied',
      details: { reason: options.reason },
    }),
  );
}
