import type { KeyObject } from 'node:crypto';
import type { AuditVerifyResult, Locale } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { translateChainBreak, translateCheckpointBreak } from './audit.messages.js';
import { auditRepository } from './audit.repository.js';
import { type ChainBreak, type ChainPosition, findChainBreaks, GENESIS_HASH } from './audit-chain.js';
import { type AuditCheckpoint, findCheckpointBreaks } from './audit-checkpoint.js';
import { allAuditCheckpoints } from './make-audit-checkpoint.js';

const PAGE = 5000;
/** Enough to show the extent of tampering without building an unbounded answer. */
const MAX_REPORTED = 100;

export interface VerifyAuditChainOptions {
  locale?: Locale;
  /** The key checkpoints must be signed with (the public half of the signing key, or the auditor's copy). */
  publicKey: KeyObject;
  /** Checkpoints kept elsewhere (an auditor's export); by default the ones stored in the database. */
  checkpoints?: AuditCheckpoint[];
}

/**
 * Walks every lane of the log in pages and names every broken row, the earliest first;
 * then checks the signed checkpoints against the rows walked, so a rewrite before the
 * last checkpoint is found even when every hash after it was recomputed.
 */
export async function verifyAuditChain(db: Executor, options: VerifyAuditChainOptions): Promise<AuditVerifyResult> {
  const locale = options.locale ?? 'zh-CN';
  let checkpoints = options.checkpoints;
  if (!checkpoints) {
    checkpoints = [];
    for await (const c of allAuditCheckpoints(db)) checkpoints.push(c);
  }
  // The stored hash at every checkpointed position, picked up during the walk.
  const wanted = new Set(checkpoints.flatMap((c) => c.lanes.map((l) => `${l.lane}:${l.seq}`)));
  const hashes = new Map<string, string>();

  let checked = 0;
  const breaks: ChainBreak[] = [];
  for (const lane of await auditRepository.lanes(db)) {
    let position: ChainPosition = { lastSeq: 0, lastHash: GENESIS_HASH };
    for (;;) {
      const rows = await auditRepository.pageAfter(db, lane, position.lastSeq, PAGE);
      if (rows.length === 0) break;
      const result = findChainBreaks(rows, position);
      breaks.push(...result.breaks);
      for (const row of rows) if (wanted.has(`${lane}:${row.laneSeq}`)) hashes.set(`${lane}:${row.laneSeq}`, row.hash);
      checked += rows.length;
      position = result.end;
    }
  }
  // Lanes are walked one after another; the answer lists breaks in log order.
  breaks.sort((a, b) => a.id - b.id);
  const broken = breaks
    .slice(0, MAX_REPORTED)
    .map((b) => ({ id: String(b.id), reason: b.reason, message: translateChainBreak(locale, b) }));
  const brokenCheckpoints = findCheckpointBreaks(checkpoints, options.publicKey, (lane, seq) =>
    hashes.get(`${lane}:${seq}`),
  )
    .slice(0, MAX_REPORTED)
    .map((b) => ({
      checkpointId: String(b.checkpointId),
      at: b.at.toISOString(),
      reason: b.reason,
      message: translateCheckpointBreak(locale, b),
    }));
  return {
    ok: broken.length === 0 && brokenCheckpoints.length === 0,
    checked,
    firstBroken: broken[0] ?? null,
    broken,
    checkpoints: checkpoints.length,
    brokenCheckpoints,
  };
}
