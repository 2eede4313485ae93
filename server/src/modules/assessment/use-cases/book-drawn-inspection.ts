import type { InspectionBooking } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';
import { bookInspection } from './book-inspection.js';

export interface BookDrawnInspectionOptions {
  drawId: string;
  pairId: string;
  day: string;
  now: Date;
}

/**
 * Puts a drawn pair's visit on the shared inspection calendar: a routine booking of the
 * target's community, subject to the community's load limits like any other (a random
 * inspection is no excuse for a sixth team in a day). A target outside any community (a
 * county department) has no calendar: 422.
 */
export async function bookDrawnInspection(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { drawId, pairId, day, now }: BookDrawnInspectionOptions,
): Promise<InspectionBooking> {
  const row = await repo.drawInScope(db, drawId, actor.scopePath);
  const pair = row ? (await repo.pairsOf(db, drawId)).find((p) => p.pair.id === pairId) : undefined;
  if (!row || !pair) throw new DomainError('not-found');
  const communityCode = await repo.regionCodeOfTarget(db, pair.pair.targetKind, pair.pair.targetCode);
  if (!communityCode) throw new DomainError('not-found');
  return bookInspection(db, actor, context, {
    body: {
      communityCode,
      day,
      kind: 'routine',
      team: `双随机督查：${pair.inspectorName}`,
      purpose: `${row.draw.period} 随机抽查 ${pair.pair.targetKind}:${pair.pair.targetCode}（抽取 ${row.draw.id}，第 ${pair.pair.position} 对）`,
    },
    now,
  });
}
