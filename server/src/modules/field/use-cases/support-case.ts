import type { IntakeResult, SupportCaseBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext, recordAudit } from '../../audit/index.js';
import { addSupportReport } from '../../cases/index.js';
import { toWgs84 } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { attachPhotosToCase } from '../../photos/index.js';

/** What the report says when the worker adds no words: they found the problem still there. */
const DEFAULT_NOTE = '现场确认：问题仍然存在';

export interface SupportCaseInput {
  code: string;
  body: SupportCaseBody;
  now: Date;
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * "Me too" from the field: my report joins an open case as a supporter through the cases
 * module's addSupportReport, exactly as a report merged at intake is added (report row,
 * supporters + 1, a `report_merged` event), then its photos and audit row, so the worker adds
 * to the case instead of filing it again.
 */
export async function supportCase(
  deps: { db: Db; audit: typeof recordAudit },
  { actor, context, code, body, now, idempotency }: SupportCaseInput & { actor: Actor; context: AuditContext },
): Promise<IdempotentOutcome<IntakeResult>> {
  const point = body.point ? toWgs84([body.point.lon, body.point.lat], body.point.crs ?? 'WGS84') : null;
  const photoIds = body.photoIds ?? [];
  return runIdempotent(deps.db, idempotency, async (tx) => {
    const { target, reportId, result } = await addSupportReport(tx, actor, {
      code,
      description: body.note?.trim() || DEFAULT_NOTE,
      point,
      photoIds,
      now,
    });
    if (photoIds.length > 0) {
      const attached = await attachPhotosToCase(tx, {
        caseId: target.id,
        photoIds,
        scopePath: actor.scopePath,
        casePath: target.path,
      });
      if (!attached.ok) {
        throw new DomainError('invalid-reference', { what: attached.photoIds.join(', ') }, [
          { field: 'photoIds', code: 'invalid' },
        ]);
      }
    }
    await deps.audit(tx, context, {
      action: 'case.report.merge',
      objectType: 'case',
      objectId: target.code,
      scopePath: target.path,
      details: { channel: 'worker', via: 'support', reportId, photoIds: [...photoIds] },
    });
    return { kind: 'updated', value: result };
  });
}
