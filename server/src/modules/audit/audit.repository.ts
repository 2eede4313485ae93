import { and, asc, count, desc, eq, gt, isNotNull, type SQL, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../db/client.js';
import { atCommit, preparedMark } from '../../db/fewer-round-trips.js';
import { insertRowsStatement } from '../../db/insert-rows.js';
import { isCountyWide, withinScope } from '../../platform/scope.js';
import { auditCheckpoints, auditLaneHeads, auditLog, type CheckpointLane } from './audit.tables.js';
import { type AuditRecord, GENESIS_HASH, hashAuditRecord } from './audit-chain.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';

/** Parallel chains: enough that a full pool of writers rarely waits for one (one head each, made by migration 0036). */
export const AUDIT_LANES = 16;

export type AuditInput = Omit<AuditRecord, 'id' | 'at' | 'lane' | 'laneSeq' | 'scopePath'> & {
  at?: Date;
  scopePath?: string | null;
};

/** The audit page's filters. */
export interface AuditFilter {
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
}

/** Places at the end of a lane, held by the caller's transaction until it commits or rolls back. */
export interface AuditSlots {
  /** One id per row, in order. */
  ids: number[];
  lane: number;
  /** The first row's position. */
  laneSeq: number;
  prevHash: string;
}

/** One row's place at the end of a lane. */
interface AuditSlot {
  id: number;
  lane: number;
  laneSeq: number;
  prevHash: string;
}

export const auditRepository = {
  /** Appends a row inside the caller's transaction (two statements; the lane is held until commit). */
  async append(tx: Executor, input: AuditInput): Promise<void> {
    await auditRepository.appendMany(tx, [input]);
  },

  /**
   * Appends rows in order at the end of one lane, in the same two statements as one row: a
   * batch of writes (the intake's group commit) is chained in one go. `reserved`: places the
   * caller's own statement already took (reserveStatement), else they are taken here. A batch
   * that took its places before it knew how many it would write (some of its requests were
   * replays) uses the first ones: the lane's head is moved back to its last row, and the ids
   * left over are gaps, as a rolled-back transaction's are.
   */
  async appendMany(tx: Executor, inputs: readonly AuditInput[], reserved?: AuditSlots): Promise<void> {
    if (inputs.length === 0 && !reserved) return;
    if (!(tx instanceof PgTransaction)) {
      // Given the database itself (an audited read: nothing else to commit with), the rows get
      // a transaction of their own. Statement by statement, each would commit alone: the lane
      // would be free between taking its places and writing its rows, and another writer could
      // take the same places, or set the head back behind its rows.
      if (reserved) throw new Error('audit places reserved outside the transaction that writes them');
      await tx.transaction((own) => auditRepository.appendMany(own, inputs));
      return;
    }
    const slot = reserved ?? (await auditRepository.reserveSlots(tx, inputs.length));
    if (slot.ids.length < inputs.length) throw new Error('more audit rows than reserved places');
    let prevHash = slot.prevHash;
    const rows = inputs.map((input, i) => {
      const row = auditRepository.rowFor(
        { id: slot.ids[i] as number, lane: slot.lane, laneSeq: slot.laneSeq + i, prevHash },
        input,
      );
      prevHash = row.hash;
      return row;
    });
    // The lane's new end, set (the head is held until commit): where its last row now stands.
    const end = sql`UPDATE ${auditLaneHeads} SET hash = ${prevHash}, lane_seq = ${slot.laneSeq + rows.length - 1}::int
                    WHERE lane = ${slot.lane}`;
    // The rows and the lane's new end in one statement, sent with the COMMIT where the
    // transaction allows: nothing reads its result.
    await atCommit(
      tx,
      rows.length > 0
        ? sql`${preparedMark('audit_append')} WITH appended AS (${insertRowsStatement(auditLog, rows)}) ${end}`
        : end,
    );
  },

  /**
   * Takes the first lane no other transaction holds, moves its head `count` places on and
   * draws `count` ids, in one statement (the UPDATE … RETURNING of reserveStatement), waiting
   * on a random lane only when every lane is held.
   */
  async reserveSlots(tx: Executor, count: number): Promise<AuditSlots> {
    const free = auditRepository.slotsOf(await queryRows(tx, auditRepository.reserveStatement(count)), count);
    if (free) return free;
    const lane = Math.floor(Math.random() * AUDIT_LANES);
    const taken = auditRepository.slotsOf(await queryRows(tx, auditRepository.reserveStatement(count, lane)), count);
    if (!taken) throw new Error(`audit lane ${lane} has no head`);
    return taken;
  },

  /**
   * The statement that takes a lane for `count` rows: an UPDATE … RETURNING of the lane's head,
   * so a batch may run it as a part of its own last statement (read its row with slotsOf). It
   * takes the first lane whose head no transaction holds (SKIP LOCKED: no row when all are
   * held), or `lane`, waiting for it. Updating the head, PostgreSQL works from the head as the
   * last holder committed it, even one that committed after this statement began: the lane's
   * true end, which a plain read in this statement's snapshot might not be.
   */
  reserveStatement(count: number, lane?: number): SQL {
    const which =
      lane === undefined
        ? sql`(SELECT lane FROM ${auditLaneHeads} ORDER BY lane LIMIT 1 FOR UPDATE SKIP LOCKED)`
        : sql`${lane}`;
    return sql`${preparedMark('audit_lane')} UPDATE ${auditLaneHeads} SET lane_seq = lane_seq + ${count}::int WHERE lane = ${which}
               RETURNING lane, lane_seq, hash,
                         ARRAY(SELECT nextval('audit_log_id_seq') FROM generate_series(1, ${count}::int)) AS ids`;
  },

  /** The places a reserveStatement took, from its rows (none: every lane was held). */
  slotsOf(rows: readonly Record<string, unknown>[], count: number): AuditSlots | undefined {
    const [row] = rows as { lane: number; lane_seq: string | number; hash: string; ids: (string | number)[] }[];
    if (!row) return undefined;
    return {
      ids: row.ids.map(Number),
      lane: Number(row.lane),
      laneSeq: Number(row.lane_seq) - count + 1,
      prevHash: row.hash,
    };
  },

  /** The row to insert at a reserved slot, hashed onto the lane's previous row. */
  rowFor(slot: AuditSlot, input: AuditInput): typeof auditLog.$inferInsert & { hash: string } {
    const record: AuditRecord = {
      id: slot.id,
      lane: slot.lane,
      laneSeq: slot.laneSeq,
      at: input.at ?? new Date(),
      actorId: input.actorId,
      actorLabel: input.actorLabel,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      outcome: input.outcome,
      requestId: input.requestId,
      details: input.details ?? {},
      scopePath: input.scopePath ?? null,
    };
    return { ...record, prevHash: slot.prevHash, hash: hashAuditRecord(slot.prevHash, record) };
  },

  /** The lanes that hold rows. */
  async lanes(db: Executor): Promise<number[]> {
    const rows = await db.selectDistinct({ lane: auditLog.lane }).from(auditLog).orderBy(asc(auditLog.lane));
    return rows.map((r) => r.lane);
  },

  /** A lane's rows after position `afterSeq`, a page at a time, for the chain walk. */
  async pageAfter(db: Executor, lane: number, afterSeq: number, limit: number) {
    return db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.lane, lane), gt(auditLog.laneSeq, afterSeq)))
      .orderBy(asc(auditLog.laneSeq))
      .limit(limit);
  },

  /**
   * The log as the scope sees it: a county-wide reader every row, anyone else the rows whose
   * object lies in their scope (never the county-only rows, whose scope path is null).
   */
  async list(db: Executor, filter: AuditFilter, page: { limit: number; offset: number }, scopePath: string) {
    const conditions: SQL[] = [];
    if (!isCountyWide(scopePath)) {
      conditions.push(and(isNotNull(auditLog.scopePath), withinScope(auditLog.scopePath, scopePath)) as SQL);
    }
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
    if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
    if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
    const where = conditions.length ? and(...conditions) : undefined;
    const [items, [total]] = await Promise.all([
      db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset),
      db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /** Where every lane ends now (position 0 and the genesis hash for a lane with no rows yet). */
  async laneEnds(db: Executor): Promise<CheckpointLane[]> {
    const rows = await queryRows<{ lane: number; lane_seq: string | number | null; hash: string | null }>(
      db,
      sql`SELECT l AS lane, last.lane_seq, last.hash
          FROM generate_series(0, ${AUDIT_LANES - 1}) AS l
          LEFT JOIN LATERAL (
            SELECT lane_seq, hash FROM audit_log WHERE lane = l ORDER BY lane_seq DESC LIMIT 1
          ) AS last ON true
          ORDER BY l`,
    );
    return rows.map((r) => ({ lane: Number(r.lane), seq: Number(r.lane_seq ?? 0), hash: r.hash ?? GENESIS_HASH }));
  },

  async insertCheckpoint(db: Executor, checkpoint: Omit<AuditCheckpoint, 'id'>): Promise<AuditCheckpoint> {
    const [row] = await db.insert(auditCheckpoints).values(checkpoint).returning();
    if (!row) throw new Error('checkpoint insert returned no row');
    return row;
  },

  /** Checkpoints after `afterId`, oldest first, a page at a time. */
  async checkpointsAfter(db: Executor, afterId: number, limit: number): Promise<AuditCheckpoint[]> {
    return db
      .select()
      .from(auditCheckpoints)
      .where(gt(auditCheckpoints.id, afterId))
      .orderBy(asc(auditCheckpoints.id))
      .limit(limit);
  },
};
