import type { InspectionFinding, RecordFindingBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { can } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { inspectionDrawsRepository as repo } from '../inspection-draws.repository.js';
import { presentFinding } from '../present-draw.js';

export interface RecordFindingOptions {
  drawId: string;
  pairId: string;
  body: RecordFindingBody;
}

/**
 * Records what the inspector of a drawn pair found on site vs what had been reported. The
 * pair's own inspector may record it although the target lies outside their scope (that is
 * the point of a cross inspection); anyone else needs inspections.manage over the target.
 */
export async function recordFinding(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { drawId, pairId, body }: RecordFindingOptions,
): Promise<InspectionFinding> {
  if (body.reportedCount > body.foundCount) {
    throw new DomainError('validation', {}, [{ field: 'reportedCount', code: 'finding-reported-over-found' }]);
  }
  return db.transaction(async (tx) => {
    const pair = await repo.pairOfDraw(tx, drawId, pairId);
    const isOwnPair = pair !== undefined && actor.kind === 'user' && pair.inspectorId === actor.id;
    const manages =
      pair !== undefined && can(actor.roles, 'inspections.manage') && isPathWithin(pair.targetPath, actor.scopePath);
    if (!pair || !(isOwnPair || manages)) throw new DomainError('not-found');
    const finding = await repo.insertFinding(tx, {
      pairId,
      foundCount: body.foundCount,
      reportedCount: body.reportedCount,
      foundCaseCodes: [...new Set(body.foundCaseCodes ?? [])],
      note: body.note.trim(),
      recordedBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'inspection.finding',
      objectType: 'inspection-finding',
      objectId: finding.id,
      scopePath: pair.targetPath,
      details: {
        drawId,
        pairId,
        target: `${pair.targetKind}:${pair.targetCode}`,
        foundCount: body.foundCount,
        reportedCount: body.reportedCount,
      },
    });
    return presentFinding(finding, actor.label);
  });
}
