import type { DrawVerification } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { drawInspections, samePairs, snapshotHashOf } from '../domain/random-draw.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';

/**
 * Re-runs a draw of the caller's scope: recomputes the snapshot's hash and the list from the
 * published seed and the stored snapshot, and compares both with what was stored. Nothing is
 * read from the live registries, so a later change to them cannot make an honest draw fail.
 */
export async function verifyDraw(db: Db, actor: Actor, { drawId }: { drawId: string }): Promise<DrawVerification> {
  const row = await repo.drawInScope(db, drawId, actor.scopePath);
  if (!row) throw new DomainError('not-found');
  const { draw } = row;
  const stored = (await repo.pairsOf(db, drawId)).map(({ pair }) => ({
    position: pair.position,
    targetKind: pair.targetKind,
    targetCode: pair.targetCode,
    inspectorId: pair.inspectorId,
  }));
  const recomputed = drawInspections({ seed: draw.seed, parameters: draw.parameters, ...draw.snapshot });
  const recomputedSnapshotHash = snapshotHashOf({ parameters: draw.parameters, ...draw.snapshot });
  return {
    drawId: draw.id,
    seed: draw.seed,
    snapshotHash: draw.snapshotHash,
    recomputedSnapshotHash,
    storedPairCount: stored.length,
    recomputedPairCount: recomputed.pairs.length,
    matches: recomputedSnapshotHash === draw.snapshotHash && samePairs(recomputed.pairs, stored),
  };
}
