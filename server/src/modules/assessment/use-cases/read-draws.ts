import type { Draw, DrawList, MyDrawnInspections } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';
import { presentDraw, presentDrawSummary, presentFinding } from '../present-draw.js';

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

/** The pairs drawn for the caller as inspector, with their findings so far. */
export async function listMyDrawnInspections(db: Db, actor: Actor): Promise<MyDrawnInspections> {
  if (actor.kind !== 'user') return { items: [] };
  const rows = await repo.pairsOfInspector(db, actor.id);
  const codesOf = (kind: string) => [
    ...new Set(rows.filter((r) => r.pair.targetKind === kind).map((r) => r.pair.targetCode)),
  ];
  const [targetNames, findings] = await Promise.all([
    repo.targetNames(db, codesOf('grid'), codesOf('unit')),
    repo.findingsOf(
      db,
      rows.map((r) => r.pair.id),
    ),
  ]);
  return {
    items: rows.map(({ pair, draw }) => ({
      drawId: draw.id,
      period: draw.period,
      drawnAt: draw.createdAt.toISOString(),
      pair: {
        id: pair.id,
        position: pair.position,
        targetKind: pair.targetKind,
        targetCode: pair.targetCode,
        targetName: targetNames.get(`${pair.targetKind}|${pair.targetCode}`) ?? pair.targetCode,
        targetPath: pair.targetPath,
        inspectorId: pair.inspectorId,
        inspectorName: actor.label,
        findings: findings
          .filter((f) => f.finding.pairId === pair.id)
          .map((f) => presentFinding(f.finding, f.recordedByName)),
      },
    })),
  };
}
