import type { KeyObject } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import { auditRepository } from './audit.repository.js';
import { type AuditCheckpoint, signCheckpoint } from './audit-checkpoint.js';

/**
 * Signs where every audit lane ends now and stores the checkpoint. Rows that commit after
 * the lanes are read simply fall into the next checkpoint.
 */
export async function makeAuditCheckpoint(
  db: Executor,
  key: KeyObject,
  now: Date = new Date(),
): Promise<AuditCheckpoint> {
  const lanes = await auditRepository.laneEnds(db);
  return auditRepository.insertCheckpoint(db, signCheckpoint(key, now, lanes));
}

/** Every stored checkpoint, oldest first (read in pages). */
export async function* allAuditCheckpoints(db: Executor, pageSize = 1000): AsyncGenerator<AuditCheckpoint> {
  let afterId = 0;
  for (;;) {
    const page = await auditRepository.checkpointsAfter(db, afterId, pageSize);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterId = last.id;
  }
}
