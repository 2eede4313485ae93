import type { CreateVisitPlanBody, VisitPlan, VisitPlanList, VisitPlanListQuery } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayRange } from '../../../platform/china-day.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext, recordAudit } from '../../audit/index.js';
import { gridsLookups } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import { areaPathOf } from '../../patrols/index.js';
import { presentVisitPlan } from '../present-visit.js';
import { visitsRepository } from '../visits.repository.js';

/** Plans a household visit in a grid of the caller's scope; the grid's workers see it as due. */
export async function createVisitPlan(
  deps: { db: Db; audit: typeof recordAudit },
  options: {
    actor: Actor;
    context: AuditContext;
    body: CreateVisitPlanBody;
    idempotency?: IdempotencyClaim | undefined;
  },
): Promise<IdempotentOutcome<VisitPlan>> {
  const { actor, context, body, idempotency } = options;
  chinaDayRange(body.dueOn, 'dueOn');
  const grid = await gridsLookups.findCurrentInScope(deps.db, body.gridCode, actor.scopePath);
  if (!grid)
    throw new DomainError('invalid-reference', { what: body.gridCode }, [{ field: 'gridCode', code: 'invalid' }]);
  return runIdempotent(deps.db, idempotency, async (tx) => {
    const plan = await visitsRepository.insertPlan(tx, {
      address: body.address.trim(),
      dueOn: body.dueOn,
      note: body.note?.trim() || null,
      gridCode: grid.code,
      path: grid.path,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await deps.audit(tx, context, {
      action: 'visit-plan.create',
      objectType: 'visit-plan',
      objectId: plan.id,
      details: { gridCode: plan.gridCode, dueOn: plan.dueOn },
    });
    return { kind: 'created', value: presentVisitPlan(plan) };
  });
}

/** Visit plans of a grid or of the caller's scope, soonest due first. */
export async function listVisitPlans(db: Db, actor: Actor, query: VisitPlanListQuery): Promise<VisitPlanList> {
  const areaPath = await areaPathOf(db, actor, { gridCode: query.gridCode });
  const rows = await visitsRepository.listPlans(db, { areaPath, open: query.open });
  return { items: rows.map(presentVisitPlan) };
}
