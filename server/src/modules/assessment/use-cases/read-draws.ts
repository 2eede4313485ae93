import type { Draw, DrawList } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';
import { presentDraw, presentDrawSummary } from '../present-draw.js';

/** The draws made in the caller's scope, newest first. */
export async function listDraws(db: Db, actor: Actor): Promise<DrawList> {
  const rows = await repo.drawsInScope(db, actor.scopePath);
  return {
    items: rows.map((r) => presentDrawSummary(r.draw, { createdByName: r.createdByName, pairCount: r.pairCount })),
  };
}

/** One draw of the caller's scope with its list of pairs and their findings. */
export async function readDraw(db: Db, actor: Actor, { drawId }: { drawId: string }): Promise<Draw> {
  const row = await repo.drawInScope(db, drawId, actor.scopePath);
  if (!row) throw new DomainError('not-found');
  const pairs = await repo.pairsOf(db, drawId);
  const codesOf = (kind: string) => [
    ...new Set(pairs.filter((p) => p.pair.targetKind === kind).map((p) => p.pair.targetCode)),
  ];
  const [targetNames, findings] = await Promise.all([
    repo.targetNames(db, codesOf('grid'), codesOf('unit')),
    repo.findingsOf(
      db,
      pairs.map((p) => p.pair.id),
    ),
  ]);
  return presentDraw(row.draw, { createdByName: row.createdByName, pairs, targetNames, findings });
}
