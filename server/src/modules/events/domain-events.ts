import type { Database, Executor } from '../../db/client.js';
import { eventsRepository } from './events.repository.js';

/**
 * The channel the domain event log NOTIFYs on each append (a statement trigger on
 * domain_events, so it is delivered at the appending transaction's commit).
 */
export const DOMAIN_EVENTS_CHANNEL = 'yiwang_domain_events';

export type DomainEventKind = 'patrol.started' | 'patrol.ended' | 'visit.recorded';

export interface DomainEvent {
  kind: DomainEventKind;
  aggregateId: string;
  /** The region/grid path of the change (consumers filter by scope). */
  scopePath: string;
  payload?: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Appends a domain event on `tx`, the transaction of the change it records, so the log
 * holds it exactly when the change committed. Case timeline events are appended by the
 * database itself (a trigger on case_events), whichever code writes them.
 */
export async function appendDomainEvent(tx: Executor, event: DomainEvent): Promise<void> {
  await eventsRepository.append(tx, [
    {
      kind: event.kind,
      aggregateKind: event.kind.slice(0, event.kind.indexOf('.')),
      aggregateId: event.aggregateId,
      scopePath: event.scopePath,
      payload: event.payload ?? {},
      occurredAt: event.occurredAt,
    },
  ]);
}

/**
 * Calls `wake` after each commit that appended domain events, on any server process
 * (LISTEN/NOTIFY on a PostgreSQL server; PGlite's own notifications when embedded).
 * A wake-up carries nothing: the consumer reads the log from its cursor.
 */
export function onDomainEvents(database: Database, wake: () => void): Promise<() => void> {
  return database.listen(DOMAIN_EVENTS_CHANNEL, wake);
}

/** The id a consumer starting now reads after. */
export const latestDomainEventId = (db: Executor) => eventsRepository.latestId(db);

/**
 * Events of one aggregate kind after a consumer's cursor, oldest first (at most `limit`): a
 * consumer that follows another module's changes (consultation follows cases) reads them here.
 */
export const domainEventsAfter = (
  db: Executor,
  options: { afterId: number; aggregateKind: 'case' | 'patrol' | 'visit'; limit: number },
) => eventsRepository.after(db, options.afterId, options.aggregateKind, options.limit);
