import type { Patrol } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { appendDomainEvent } from '../../events/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import type { PatrolDeps } from '../patrol-deps.js';
import { CLOCK_SKEW_MS } from '../patrol-track.js';
import { patrolsRepository } from '../patrols.repository.js';
import { presentPatrol } from '../present-patrol.js';

export interface EndPatrolInput {
  patrolId: string;
  /** When the worker pressed stop; default now. */
  endedAt?: Date | undefined;
  now: Date;
  idempotency?: IdempotencyClaim | undefined;
}

/** Ends the caller's patrol; ending one already ended answers it unchanged. */
export async function endPatrol(
  deps: PatrolDeps,
  input: EndPatrolInput & { actor: Actor; context: AuditContext },
): Promise<IdempotentOutcome<Patrol>> {
  const { actor, context } = input;
  return runIdempotent(deps.db, input.idempotency, async (tx) => {
    const patrol = await patrolsRepository.lockById(tx, input.patrolId);
    if (!patrol) throw new DomainError('not-found');
    if (patrol.userId !== actor.id) throw new DomainError('patrol-not-owner');
    if (patrol.endedAt) return { kind: 'existing', value: presentPatrol(patrol) };
    const endedAt = input.endedAt ?? input.now;
    if (endedAt.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
      throw new DomainError('validation', {}, [{ field: 'endedAt', code: 'not-future' }]);
    }
    if (endedAt.getTime() < patrol.startedAt.getTime()) {
      throw new DomainError('validation', {}, [{ field: 'endedAt', code: 'after-start' }]);
    }
    const ended = await patrolsRepository.updatePatrol(tx, patrol.id, { endedAt });
    await deps.audit(tx, context, {
      action: 'patrol.end',
      objectType: 'patrol',
      objectId: patrol.id,
      details: { endedAt: endedAt.toISOString(), distanceM: Math.round(ended.distanceM), points: ended.pointCount },
    });
    await appendDomainEvent(tx, {
      kind: 'patrol.ended',
      aggregateId: patrol.id,
      scopePath: ended.lastPath ?? actor.scopePath,
      payload: { userId: actor.id, distanceM: Math.round(ended.distanceM), points: ended.pointCount },
      occurredAt: endedAt,
    });
    return { kind: 'updated', value: presentPatrol(ended) };
  });
}
