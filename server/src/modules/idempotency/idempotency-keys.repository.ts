import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { idempotencyKeys } from './idempotency.tables.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Idempotency-Key claims: the only writer of idempotency_keys (the intake embeds the statements below in its own). */
export const idempotencyKeysRepository = {
  /**
   * Claims a key in the caller's transaction. A concurrent claim of the same key waits for
   * this transaction (the unique key), then finds the completed row; on rollback it takes over.
   */
  async claimIdempotencyKey(
    db: Executor,
    claim: { actorId: string; key: string; requestHash: string },
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRow }> {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ actorId: claim.actorId, key: claim.key, requestHash: claim.requestHash, status: 'processing' })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 1) return { claimed: true };
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorId, claim.actorId), eq(idempotencyKeys.key, claim.key)));
    if (!existing) throw new Error('idempotency key vanished');
    return { claimed: false, existing };
  },

  async completeIdempotencyKey(
    db: Executor,
    claim: { actorId: string; key: string },
    response: { status: number; body: unknown },
  ): Promise<void> {
    await db
      .update(idempotencyKeys)
      .set({ status: 'completed', responseStatus: response.status, responseBody: response.body })
      .where(and(eq(idempotencyKeys.actorId, claim.actorId), eq(idempotencyKeys.key, claim.key)));
  },

  /** Keys older than `before` (kept for a day or so: long enough for any client's retries). */
  async deleteIdempotencyKeysBefore(db: Executor, before: Date): Promise<void> {
    await db.delete(idempotencyKeys).where(lte(idempotencyKeys.createdAt, before));
  },

  /** The stored claim of a key (a claim that found the key taken reads it): throws when there is none. */
  async findIdempotencyKey(db: Executor, key: { actorId: string; key: string }): Promise<IdempotencyRow> {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(sql`${idempotencyKeys.actorId} = ${key.actorId} AND ${idempotencyKeys.key} = ${key.key}`);
    if (!row) throw new Error('idempotency key vanished');
    return row;
  },

  /**
   * Claims of several keys as a statement for a caller's CTE (`WITH claim AS (…)`): one row
   * (`actor_id`, `key`) per key claimed, none for a key already taken. The intake claims a
   * whole batch in the same statement as its locks.
   */
  claimStatement(claims: readonly { actorId: string; key: string; requestHash: string }[]): SQL {
    const rows = claims.map((c) => ({ actor_id: c.actorId, key: c.key, request_hash: c.requestHash }));
    return sql`INSERT INTO ${idempotencyKeys} (actor_id, key, request_hash, status)
              SELECT actor_id, key, request_hash, 'processing'
              FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS c(actor_id text, key text, request_hash text)
              ON CONFLICT DO NOTHING RETURNING actor_id, key`;
  },

  /**
   * Completions of several keys as a statement for a caller's CTE: the intake completes a
   * batch's keys in the statement that writes its cases.
   */
  completeManyStatement(keys: readonly { actorId: string; key: string; status: number; body: unknown }[]): SQL {
    const rows = keys.map((k) => ({ actor_id: k.actorId, key: k.key, status: k.status, body: k.body }));
    return sql`UPDATE ${idempotencyKeys} AS k
               SET status = 'completed', response_status = v.status, response_body = v.body
               FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(actor_id text, key text, status int, body jsonb)
               WHERE k.actor_id = v.actor_id AND k.key = v.key`;
  },

  /** The completion as a statement for a caller's CTE: the intake completes its key in the statement that writes the case. */
  completeStatement(db: Executor, key: { actorId: string; key: string; status: number; body: unknown }) {
    return db
      .update(idempotencyKeys)
      .set({ status: 'completed', responseStatus: key.status, responseBody: key.body })
      .where(sql`${idempotencyKeys.actorId} = ${key.actorId} AND ${idempotencyKeys.key} = ${key.key}`);
  },
};
