import type { Patrol } from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { appendDomainEvent } from '../../events/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import type { PatrolDeps } from '../patrol-deps.js';
import { CLOCK_SKEW_MS, STALE_PATROL_MS } from '../patrol-track.js';
import { type PatrolRow, patrolsRepository } from '../patrols.repository.js';
import { presentPatrol } from '../present-patrol.js';

export interface StartPatrolInput {
  /** When the worker pressed start (the app may send it later from its outbox); default now. */
  startedAt?: Date | undefined;
  now: Date;
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * Starts a patrol (巡查) for the caller: 201 with the new one, or 200 with the patrol they
 * already have open. An open patrol with no fix for 12 hours was left on by a forgotten
 * stop; it is ended at its last activity and a new one starts.
 */
export async function startPatrol(
  deps: PatrolDeps,
  input: StartPatrolInput & { actor: Actor; context: AuditContext },
): Promise<IdempotentOutcome<Patrol>> {
  const { actor, context } = input;
  const startedAt = input.startedAt ?? input.now;
  if (startedAt.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('validation', {}, [{ field: 'startedAt', code: 'not-future' }]);
  }
  return runIdempotent(deps.db, input.idempotency, async (tx) => {
    const open = await patrolsRepository.findOpenOfUser(tx, actor.id);
    if (open && !isStale(open, startedAt)) return { kind: 'existing', value: presentPatrol(open) };
    if (open) {
      const endedAt = open.lastAt ?? open.startedAt;
      await patrolsRepository.updatePatrol(tx, open.id, { endedAt });
      await deps.audit(tx, context, {
        action: 'patrol.end',
        objectType: 'patrol',
        objectId: open.id,
        details: { endedAt: endedAt.toISOString(), reason: 'left open', distanceM: Math.round(open.distanceM) },
      });
      await appendDomainEvent(tx, {
        kind: 'patrol.ended',
        aggregateId: open.id,
        scopePath: open.lastPath ?? actor.scopePath,
        payload: { userId: open.userId, reason: 'left open', distanceM: Math.round(open.distanceM) },
        occurredAt: endedAt,
      });
    }
    const row = await patrolsRepository.insertPatrol(tx, { userId: actor.id, startedAt });
    if (!row) {
      // Another start of the same worker committed first: that one is the open patrol.
      const winner = await patrolsRepository.findOpenOfUser(tx, actor.id);
      if (!winner) throw new Error('open patrol vanished');
      return { kind: 'existing', value: presentPatrol(winner) };
    }
    await deps.audit(tx, context, {
      action: 'patrol.start',
      objectType: 'patrol',
      objectId: row.id,
      details: { startedAt: startedAt.toISOString() },
    });
    await appendDomainEvent(tx, {
      kind: 'patrol.started',
      aggregateId: row.id,
      scopePath: actor.scopePath,
      payload: { userId: actor.id },
      occurredAt: startedAt,
    });
    return { kind: 'created', value: presentPatrol(row) };
  });
}

const isStale = (open: PatrolRow, startedAt: Date) =>
  startedAt.getTime() - (open.lastAt ?? open.startedAt).getTime() > STALE_PATROL_MS;
