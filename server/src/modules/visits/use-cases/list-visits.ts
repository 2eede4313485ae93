import type { VisitList, VisitListQuery } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayRange } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { can } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { areaPathOf } from '../../patrols/index.js';
import { presentVisit } from '../present-visit.js';
import { visitsRepository } from '../visits.repository.js';

/**
 * Visits, latest first: my own (`mine`, and always for a worker without `visits.read`),
 * or those of a grid or region in scope for the desk — notes about households, so the
 * desk's view is audited.
 */
export async function listVisits(
  db: Db,
  actor: Actor,
  context: AuditContext,
  query: VisitListQuery,
): Promise<VisitList> {
  const day = query.date ? chinaDayRange(query.date) : undefined;
  if (query.mine || !can(actor.roles, 'visits.read')) {
    const rows = await visitsRepository.listVisits(db, {
      userId: actor.id,
      gridCode: query.gridCode,
      from: day?.from,
      to: day?.to,
    });
    return { items: rows.map((r) => presentVisit(r.visit, r.displayName)) };
  }
  return db.transaction(async (tx) => {
    const areaPath = await areaPathOf(tx, actor, { gridCode: query.gridCode });
    const rows = await visitsRepository.listVisits(tx, { areaPath, from: day?.from, to: day?.to });
    await recordAudit(tx, context, {
      action: 'visit.view',
      objectType: 'visit',
      details: { gridCode: query.gridCode ?? null, date: query.date ?? null, visits: rows.length },
    });
    return { items: rows.map((r) => presentVisit(r.visit, r.displayName)) };
  });
}
