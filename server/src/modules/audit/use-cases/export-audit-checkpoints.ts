import type { KeyObject } from 'node:crypto';
import type { Db } from '../../../db/client.js';
import { checkpointLine } from '../audit-checkpoint.js';
import { allAuditCheckpoints } from '../make-audit-checkpoint.js';
import { type AuditContext, recordAudit } from '../record-audit.js';

/** The signed checkpoints as JSON lines, oldest first, for an auditor to keep elsewhere; the export is audited. */
export async function exportAuditCheckpoints(
  deps: { db: Db },
  options: { context: AuditContext; publicKey: KeyObject },
): Promise<string[]> {
  const { db } = deps;
  const lines: string[] = [];
  for await (const c of allAuditCheckpoints(db)) lines.push(checkpointLine(c, options.publicKey));
  await db.transaction((tx) =>
    recordAudit(tx, options.context, {
      action: 'audit.checkpoints.export',
      objectType: 'audit-log',
      details: { checkpoints: lines.length },
    }),
  );
  return lines;
}
