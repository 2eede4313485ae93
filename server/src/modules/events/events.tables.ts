import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The domain event log: one row per state change other capabilities need (every case
 * timeline event, patrols started and ended, visits recorded), appended in the same
 * transaction as the change. `id` only increases; consumers keep a cursor on it.
 * `scope_path` is the region/grid path of the change, filtered like every other path.
 * Case events are appended by a trigger on case_events (migration `domain_event_triggers`), the others by
 * their use cases; a statement trigger NOTIFYs `yiwang_domain_events` (delivered at commit).
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `<aggregate>.<what happened>`, e.g. `case.dispatched`, `patrol.started`, `visit.recorded`. */
    kind: text('kind').notNull(),
    aggregateKind: text('aggregate_kind').notNull(),
    aggregateId: uuid('aggregate_id').notNull(),
    scopePath: text('scope_path').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('domain_events_aggregate_idx').on(t.aggregateKind, t.aggregateId, t.id),
    index('domain_events_scope_idx').using('btree', sql`${t.scopePath} text_pattern_ops`, t.id),
  ],
);
