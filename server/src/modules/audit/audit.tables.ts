import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. `id` is assigned as previous id + 1 under an
 * advisory lock (not from a sequence, which skips on rollback), so a missing id means a
 * deleted row. `hash` = sha256(prev_hash + canonical row). A trigger rejects UPDATE and
 * DELETE (see the migration); the chain catches whoever bypasses it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_actor_idx').on(t.actorId), index('audit_object_idx').on(t.objectType, t.objectId)],
);
