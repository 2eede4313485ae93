import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { jobs } from './jobs.tables.js';

export const jobsRepository = {
  /**
   * Makes sure every job has its row, and makes each due now: a job runs when a server
   * starts (what fell due while it was down, first sweeps), then on its interval.
   */
  async dueAtStart(db: Executor, names: string[], now: Date): Promise<void> {
    if (names.length === 0) return;
    await db
      .insert(jobs)
      .values(names.map((name) => ({ name, nextRunAt: now })))
      .onConflictDoUpdate({
        target: jobs.name,
        set: { nextRunAt: sql`LEAST(${jobs.nextRunAt}, excluded.next_run_at)` },
      });
  },

  /**
   * Claims a job for `runner` until `leaseUntil` if it is due (or `force`) and nobody holds
   * a live lease on it; a row another runner is claiming right now is skipped, not waited
   * for. Answers the failures in a row so far, or null when not claimed.
   */
  async claim(
    db: Executor,
    {
      name,
      runner,
      now,
      leaseUntil,
      force,
    }: { name: string; runner: string; now: Date; leaseUntil: Date; force: boolean },
  ): Promise<{ failures: number } | null> {
    const [row] = await queryRows<{ failures: number }>(
      db,
      sql`UPDATE ${jobs} SET locked_by = ${runner}, locked_until = ${leaseUntil.toISOString()}::timestamptz,
            last_started_at = ${now.toISOString()}::timestamptz
          WHERE name = (
            SELECT name FROM ${jobs}
            WHERE name = ${name}
              AND (${force} OR next_run_at <= ${now.toISOString()}::timestamptz)
              AND (locked_until IS NULL OR locked_until <= ${now.toISOString()}::timestamptz)
            FOR UPDATE SKIP LOCKED)
          RETURNING failures`,
    );
    return row ? { failures: Number(row.failures) } : null;
  },

  /** Extends the lease of a job this runner still holds; false when it was lost. */
  async renew(db: Executor, name: string, runner: string, leaseUntil: Date): Promise<boolean> {
    const rows = await db
      .update(jobs)
      .set({ lockedUntil: leaseUntil })
      .where(and(eq(jobs.name, name), eq(jobs.lockedBy, runner)))
      .returning({ name: jobs.name });
    return rows.length > 0;
  },

  /** Releases the job and schedules its next run, recording how this one ended. */
  async finish(
    db: Executor,
    name: string,
    runner: string,
    outcome: { nextRunAt: Date; finishedAt: Date; failures: number; error: string | null },
  ): Promise<void> {
    await db
      .update(jobs)
      .set({
        nextRunAt: outcome.nextRunAt,
        lastFinishedAt: outcome.finishedAt,
        failures: outcome.failures,
        lastError: outcome.error,
        lockedBy: null,
        lockedUntil: null,
      })
      .where(and(eq(jobs.name, name), eq(jobs.lockedBy, runner)));
  },

  async nextRunAt(db: Executor, name: string): Promise<Date | null> {
    const [row] = await db.select({ nextRunAt: jobs.nextRunAt }).from(jobs).where(eq(jobs.name, name));
    return row?.nextRunAt ?? null;
  },
};
