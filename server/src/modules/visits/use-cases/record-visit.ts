import type { RecordVisitBody, Visit } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { appendDomainEvent } from '../../events/index.js';
import type { LocatedGrid } from '../../grids/index.js';
import { type Position, toWgs84 } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import type { PatrolDeps } from '../../patrols/index.js';
import { CLOCK_SKEW_MS, patrolsLookups } from '../../patrols/index.js';
import { presentVisit } from '../present-visit.js';
import { visitsRepository } from '../visits.repository.js';

export interface RecordVisitInput {
  body: RecordVisitBody;
  now: Date;
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * Records a household visit (走访) by the caller: where (a point is placed in its grid; a
 * point inside the county but outside every grid is kept without one), when, on which of
 * their patrols, and the plan it fulfils (closed by it, once).
 */
export async function recordVisit(
  deps: PatrolDeps,
  { actor, context, body, now, idempotency }: RecordVisitInput & { actor: Actor; context: AuditContext },
): Promise<IdempotentOutcome<Visit>> {
  const visitedAt = body.visitedAt ? new Date(body.visitedAt) : now;
  if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('validation', {}, [{ field: 'visitedAt', code: 'not-future' }]);
  }
  // Placed before the transaction: the locator reads the map through its own connection.
  const point = body.point ? toWgs84([body.point.lon, body.point.lat], body.point.crs ?? 'WGS84') : null;
  const grid = point ? await baseGridAt(deps, point) : null;

  return runIdempotent(deps.db, idempotency, async (tx) => {
    if (body.patrolId) {
      const patrol = await patrolsLookups.findById(tx, body.patrolId);
      if (!patrol) {
        throw new DomainError('invalid-reference', { what: body.patrolId }, [{ field: 'patrolId', code: 'invalid' }]);
      }
      if (patrol.userId !== actor.id) throw new DomainError('patrol-not-owner');
    }
    const plan = body.planId ? await visitsRepository.lockPlanInScope(tx, body.planId, actor.scopePath) : undefined;
    if (body.planId && !plan) {
      throw new DomainError('invalid-reference', { what: body.planId }, [{ field: 'planId', code: 'invalid' }]);
    }
    if (plan?.visitId) throw new DomainError('visit-plan-done');

    const visit = await visitsRepository.insertVisit(tx, {
      userId: actor.id,
      address: body.address.trim(),
      note: body.note.trim(),
      lon: point?.[0] ?? null,
      lat: point?.[1] ?? null,
      gridCode: grid?.code ?? plan?.gridCode ?? null,
      path: grid?.path ?? plan?.path ?? actor.scopePath,
      visitedAt,
      patrolId: body.patrolId ?? null,
      planId: plan?.id ?? null,
    });
    if (plan) await visitsRepository.closePlan(tx, plan.id, { visitId: visit.id, doneAt: visitedAt });
    await deps.audit(tx, context, {
      action: 'visit.record',
      objectType: 'visit',
      objectId: visit.id,
      // Where and on what, not the note: what a household said stays in the record.
      details: { gridCode: visit.gridCode, patrolId: visit.patrolId, planId: visit.planId, located: point !== null },
    });
    await appendDomainEvent(tx, {
      kind: 'visit.recorded',
      aggregateId: visit.id,
      scopePath: visit.path,
      payload: { userId: actor.id, gridCode: visit.gridCode, patrolId: visit.patrolId, planId: visit.planId },
      occurredAt: visitedAt,
    });
    return { kind: 'created', value: presentVisit(visit) };
  });
}

async function baseGridAt(deps: PatrolDeps, point: Position): Promise<LocatedGrid | null> {
  try {
    return (await deps.locator.gridAt(point)).grid;
  } catch (error) {
    // In the county but on no grid (a gap in the map): the visit still counts, without a grid.
    if (error instanceof DomainError && error.code === 'no-grid') return null;
    throw error;
  }
}
