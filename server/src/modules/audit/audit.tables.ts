import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log, in a few parallel chains ("lanes") so concurrent
 * writers do not queue on one lock. A writer takes a free lane by updating its head
 * (audit_lane_heads, below) and appends at that lane's last position + 1 (`lane_seq`,
 * gapless, unlike a sequence, which skips on rollback), so a missing position means a
 * deleted row. `hash` = sha256(prev_hash +
 * canonical row) with prev_hash the lane's previous row. `id` (from a sequence) only
 * orders the log for reading. A trigger rejects UPDATE and DELETE (see the migrations);
 * the chains catch whoever bypasses it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().default(sql`nextval('audit_log_id_seq')`),
    lane: smallint('lane').notNull().default(0),
    laneSeq: bigint('lane_seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    details: jsonb('details').notNull(),
    /**
     * The region (or grid) path of what the row is about, so the log is read by scope like
     * every other record; null = about the county as a whole (and rows older than the
     * column): shown to county-wide auditors only. Covered by the hash when set.
     */
    scopePath: text('scope_path'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_actor_idx').on(t.actorId),
    index('audit_object_idx').on(t.objectType, t.objectId),
    uniqueIndex('audit_lane_seq_idx').on(t.lane, t.laneSeq),
    index('audit_scope_path_idx').using('btree', sql`${t.scopePath} text_pattern_ops`),
  ],
);

/**
 * Where each lane ends: its last position and that row's hash, one row per lane (made by the
 * migration that added the table). A writer takes a lane by updating its head, which holds
 * the row's lock until commit; the update also reads the head as the last writer committed
 * it, whenever its statement began, so taking a lane and learning where it ends is one
 * statement. A head ahead of its lane's last row (rows deleted from the end) shows as a gap.
 */
export const auditLaneHeads = pgTable('audit_lane_heads', {
  lane: smallint('lane').primaryKey(),
  laneSeq: bigint('lane_seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** One lane's end as a checkpoint signed it: its last position (0 = empty) and that row's hash. */
export interface CheckpointLane {
  lane: number;
  seq: number;
  hash: string;
}

/**
 * Signed checkpoints of the audit chains: the end of every lane at a time, signed with an
 * Ed25519 key kept outside the database, so a rewrite of the rows before it (hashes
 * recomputed and all) no longer matches. Exported for auditors to keep elsewhere.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  keyId: text('key_id').notNull(),
  lanes: jsonb('lanes').$type<CheckpointLane[]>().notNull(),
  /** Ed25519 signature (base64) of the canonical JSON of { at, keyId, lanes }. */
  signature: text('signature').notNull(),
});
