import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseTimers, type TimerKind } from './cases.tables.js';

export type CaseTimerRow = typeof caseTimers.$inferSelect;
export type NewCaseTimerRow = typeof caseTimers.$inferInsert;

/** Durable case timers (the case-timers job claims and finishes them). */
export const caseTimersRepository = {
  async insertTimers(db: Executor, rows: NewCaseTimerRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(caseTimers).values(rows);
  },

  /**
   * Cancels a case's pending timers of these kinds. Timers a worker is applying right now
   * are skipped, not waited for (no lock-order deadlock with the worker, which locks timer
   * then case); the worker finds the case moved on and closes them without effect.
   */
  async cancelPendingTimers(db: Executor, caseId: string, kinds: readonly TimerKind[], at: Date): Promise<void> {
    if (kinds.length === 0) return;
    await db.execute(sql`
      UPDATE ${caseTimers} SET status = 'cancelled', processed_at = ${at}
      WHERE id IN (
        SELECT id FROM ${caseTimers}
        WHERE ${caseTimers.caseId} = ${caseId} AND ${caseTimers.status} = 'pending'
          AND ${caseTimers.kind} IN (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
        FOR UPDATE SKIP LOCKED
      )`);
  },

  /** Claims due timers for this transaction; rows another worker holds are skipped. */
  async claimDueTimers(db: Executor, now: Date, limit: number): Promise<CaseTimerRow[]> {
    return db
      .select()
      .from(caseTimers)
      .where(and(eq(caseTimers.status, 'pending'), lte(caseTimers.dueAt, now)))
      .orderBy(asc(caseTimers.dueAt), asc(caseTimers.id))
      .limit(limit)
      .for('update', { skipLocked: true });
  },

  /** Records an attempt: done, failed for good, or pending again from `retryAt`. */
  async finishTimer(
    db: Executor,
    id: string,
    outcome:
      | { status: 'done'; at: Date }
      | { status: 'failed'; at: Date; error: string }
      | { status: 'pending'; retryAt: Date; error: string },
  ): Promise<void> {
    await db
      .update(caseTimers)
      .set({
        status: outcome.status,
        attempts: sql`${caseTimers.attempts} + 1`,
        ...(outcome.status === 'pending'
          ? { dueAt: outcome.retryAt, lastError: outcome.error }
          : { processedAt: outcome.at, lastError: outcome.status === 'failed' ? outcome.error : null }),
      })
      .where(eq(caseTimers.id, id));
  },

  async timersOf(db: Executor, caseId: string): Promise<CaseTimerRow[]> {
    return db.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)).orderBy(asc(caseTimers.dueAt));
  },
};
