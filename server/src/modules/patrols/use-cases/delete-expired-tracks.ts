import type { Db } from '../../../db/client.js';
import { recordAudit } from '../../audit/index.js';
import { patrolsRepository } from '../patrols.repository.js';

const BATCH = 500;
const DAY_MS = 24 * 3_600_000;

export interface RetentionRun {
  patrols: number;
  points: number;
}

/**
 * Enforces the retention of patrol tracks (personal data): patrols last active more than
 * `retentionDays` ago are deleted with their tracks, batch by batch, each batch with its
 * audit row in the same transaction (a system deletion, with the counts). Visits made on
 * them stay, without the link. Several nodes may sweep at once: locked rows are skipped.
 */
export async function deleteExpiredTracks(
  db: Db,
  options: { now: Date; retentionDays: number },
): Promise<RetentionRun> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  const total: RetentionRun = { patrols: 0, points: 0 };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const ids = await patrolsRepository.lockExpired(tx, cutoff, BATCH);
      const deleted = await patrolsRepository.deletePatrols(tx, ids);
      if (deleted.patrols > 0) {
        await recordAudit(
          tx,
          { actor: null, requestId: 'system:patrol-retention' },
          {
            action: 'patrol.retention-delete',
            objectType: 'patrol',
            details: {
              by: 'system',
              reason: 'retention',
              retentionDays: options.retentionDays,
              lastActiveBefore: cutoff.toISOString(),
              patrols: deleted.patrols,
              points: deleted.points,
            },
          },
        );
      }
      return { ...deleted, claimed: ids.length };
    });
    total.patrols += batch.patrols;
    total.points += batch.points;
    if (batch.claimed < BATCH) return total;
  }
}
