import { and, eq, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { idempotencyKeys } from './cases.tables.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Idempotency-Key claims, over the intake's idempotency_keys table. */
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
      .values({ ...claim, status: 'processing' })
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
};
