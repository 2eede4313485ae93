import { type IntakeResult, isOpenState, type SupportCaseBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { accountsRepository } from '../../accounts/accounts.repository.js';
import type { AuditContext, recordAudit } from '../../audit/index.js';
import { caseReportsRepository } from '../../cases/case-reports.repository.js';
import { caseTimelineRepository } from '../../cases/case-timeline.repository.js';
import { casesRepository } from '../../cases/cases.repository.js';
import { caseScopeOf, newFollowKey, presentCaseSummary } from '../../cases/index.js';
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
 * "Me too" from the field: my report joins an open case as a supporter, exactly as a report
 * merged at intake would (report row, supporters + 1, a `report_merged` event, photos
 * attached, audit row), so the worker adds to the case instead of filing it again.
 */
export async function supportCase(
  deps: { db: Db; audit: typeof recordAudit },
  actor: Actor,
  context: AuditContext,
  { code, body, now, idempotency }: SupportCaseInput,
): Promise<IdempotentOutcome<IntakeResult>> {
  const point = body.point ? toWgs84([body.point.lon, body.point.lat], body.point.crs ?? 'WGS84') : null;
  const photoIds = body.photoIds ?? [];
  return runIdempotent(deps.db, idempotency, async (tx) => {
    const row = await casesRepository.lockInScope(tx, code, caseScopeOf(actor));
    if (!row) throw new DomainError('not-found');
    if (!isOpenState(row.state)) throw new DomainError('case-merge-target-closed');
    const user = await accountsRepository.findUserById(tx, actor.id);
    const report = await caseReportsRepository.insertReport(tx, {
      caseId: row.id,
      channel: 'worker',
      reporterUserId: user?.id ?? null,
      reporterName: user?.displayName ?? null,
      anonymous: false,
      description: body.note?.trim() || DEFAULT_NOTE,
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
      photoIds: [...photoIds],
      followKey: newFollowKey(),
      createdAt: now,
    });
    const supporterCount = row.supporterCount + 1;
    if (!(await casesRepository.updateCase(tx, row.id, row.version, { supporterCount, updatedAt: now }))) {
      throw new Error('locked case changed');
    }
    await caseTimelineRepository.insertEvents(tx, [
      {
        caseId: row.id,
        type: 'report_merged',
        at: now,
        actorUserId: user?.id ?? null,
        actorUnitId: null,
        fromState: row.state,
        toState: row.state,
        details: { reportId: report.id, channel: 'worker', automatic: false, via: 'support', supporterCount },
      },
    ]);
    if (photoIds.length > 0) {
      const attached = await attachPhotosToCase(tx, {
        caseId: row.id,
        photoIds,
        scopePath: actor.scopePath,
        casePath: row.path,
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
      objectId: row.code,
      scopePath: row.path,
      details: { channel: 'worker', via: 'support', reportId: report.id, photoIds: [...photoIds] },
    });
    const summary = await casesRepository.summaryById(tx, row.id);
    if (!summary) throw new Error('case just written is missing');
    const result: IntakeResult = {
      outcome: 'merged',
      case: presentCaseSummary(summary),
      reportId: report.id,
      ...(report.followKey ? { followKey: report.followKey } : {}),
      duplicateSuggestions: [],
    };
    return { status: 200, body: result };
  });
}
