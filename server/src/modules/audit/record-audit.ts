import type { AuditAction, AuditObjectType } from '@yiwang/contracts';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Reading } from '../../db/fewer-round-trips.js';
import type { Actor } from '../../platform/http.js';
import { type AuditSlots, auditRepository } from './audit.repository.js';

export type { AuditSlots };

/** Who did it and in which request: taken from the HTTP request by the route. */
export interface AuditContext {
  /** With the actor's scope path: where a row lies when the use case names no place for its object. */
  actor: (Pick<Actor, 'id' | 'label'> & { scopePath?: string }) | null;
  requestId: string | null;
}

export interface AuditEvent {
  /** Only listed actions (contracts' AUDIT_ACTIONS, each with its words): a new one is listed there first. */
  action: AuditAction;
  objectType: AuditObjectType;
  objectId?: string | null;
  outcome?: 'success' | 'failure' | 'denied' | 'locked';
  /** What changed or was revealed — never a password, token or ID number. */
  details?: Record<string, unknown>;
  /**
   * The region or grid path of the object (a case's, a user's scope, a photo's…), which
   * decides who may read the row. Left out: the actor's scope path (they acted within it);
   * null: the county as a whole (county-wide auditors only).
   */
  scopePath?: string | null;
}

/** Writes one audit row in the caller's transaction, so the row exists if and only if the change does. */
export function recordAudit(tx: Executor, context: AuditContext, event: AuditEvent): Promise<void> {
  return auditRepository.append(tx, auditInputOf(context, event));
}

/**
 * Writes several audit rows, in order, in the caller's transaction and in the round trips of
 * one: a batch of writes (the intake's group commit) audits each of its writes this way.
 * `reserved`: the places the batch's own statement took for them (auditReservation).
 */
export function recordAudits(
  tx: Executor,
  entries: readonly { context: AuditContext; event: AuditEvent }[],
  reserved?: AuditSlots,
): Promise<void> {
  return auditRepository.appendMany(
    tx,
    entries.map((e) => auditInputOf(e.context, e.event)),
    reserved,
  );
}

/**
 * Places for up to `count` audit rows taken inside a batch's own round trips, saving one of
 * taking them apart: `statement` is an UPDATE … RETURNING to run as one of a statement's parts
 * (a data-modifying CTE) or beside it (`reading`, for readTogether), `read` its rows (undefined:
 * every lane was held, and recordAudits takes places itself, waiting for one). A lane is held
 * until commit, and its holder must not wait for a lock another lane holder may hold: take it
 * after the batch's waiting locks, or lock anything after it without waiting (NOWAIT).
 * recordAudits may write fewer rows than were reserved (none, even).
 */
export const auditReservation = {
  statement: (count: number): SQL => auditRepository.reserveStatement(count),
  read: (rows: readonly Record<string, unknown>[], count: number): AuditSlots | undefined =>
    auditRepository.slotsOf(rows, count),
  reading: (count: number): Reading<AuditSlots | undefined> => ({
    statement: auditRepository.reserveStatement(count),
    read: (rows) => auditRepository.slotsOf(rows, count),
  }),
};

function auditInputOf(context: AuditContext, event: AuditEvent) {
  return {
    actorId: context.actor?.id ?? null,
    actorLabel: context.actor?.label ?? 'anonymous',
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: context.requestId,
    details: event.details ?? {},
    scopePath: event.scopePath === undefined ? (context.actor?.scopePath ?? null) : event.scopePath,
  };
}

/**
 * Writes one audit row for what a system outside the accounts did (the 12345 hotline platform
 * calling in): no account, its fixed label names it; the row lies where the event places it,
 * else with the county as a whole.
 */
export function recordSystemAudit(
  tx: Executor,
  context: { system: string; requestId: string | null },
  event: AuditEvent,
): Promise<void> {
  return auditRepository.append(tx, {
    actorId: null,
    actorLabel: context.system,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: context.requestId,
    details: event.details ?? {},
    scopePath: event.scopePath ?? null,
  });
}
