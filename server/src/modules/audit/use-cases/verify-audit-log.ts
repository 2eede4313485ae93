import type { KeyObject } from 'node:crypto';
import type { AuditVerifyResult, Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isCountyWide } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../record-audit.js';
import { verifyAuditChain } from '../verify-audit-chain.js';

/**
 * Walks the hash chains and checks them against the signed checkpoints, for a county-wide
 * auditor (the walk reads and names rows of every region); the check is itself audited.
 */
export async function verifyAuditLog(
  deps: { db: Db },
  options: { actor: Actor; context: AuditContext; locale: Locale; publicKey: KeyObject },
): Promise<AuditVerifyResult> {
  const { db } = deps;
  if (!isCountyWide(options.actor.scopePath)) throw new DomainError('county-scope-required');
  const result = await verifyAuditChain(db, { locale: options.locale, publicKey: options.publicKey });
  await db.transaction((tx) =>
    recordAudit(tx, options.context, {
      action: 'audit.verify',
      objectType: 'audit-log',
      outcome: result.ok ? 'success' : 'failure',
      details: { checked: result.checked, firstBroken: result.firstBroken?.id ?? null },
    }),
  );
  return result;
}
