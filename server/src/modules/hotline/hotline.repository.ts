import { CLOSED_STATES } from '@yiwang/contracts';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseEvents, caseReports, cases } from '../cases/cases.tables.js';
import { regions } from '../regions/regions.tables.js';
import { hotlineCallbacks, hotlineOutboxCursor } from './hotline.tables.js';

export type HotlineCallbackRow = typeof hotlineCallbacks.$inferSelect;

/** Events below the cursor read again on each scan, for transactions that committed late. */
const RESCAN_WINDOW = 1000;
const CLOSED_STATES_ARRAY = sql`ARRAY[${sql.join(
  CLOSED_STATES.map((state) => sql`${state}`),
  sql`,`,
)}]::text[]`;

export const hotlineRepository = {
  /** The top of the region tree: where a work order without a point is placed. */
  async rootRegionCode(db: Executor): Promise<string | undefined> {
    const [row] = await db
      .select({ code: regions.code })
      .from(regions)
      .where(isNull(regions.parentCode))
      .orderBy(asc(regions.code))
      .limit(1);
    return row?.code;
  },

  /**
   * Queues a callback for every timeline event, since the cursor, of every case a hotline
   * work order was reported into (each work order merged into a case hears of it). Runs
   * in the caller's transaction; the cursor row lock makes concurrent scans take turns.
   */
  async enqueueNewEvents(db: Executor, now: Date): Promise<number> {
    await db.insert(hotlineOutboxCursor).values({ id: 1, lastEventId: 0 }).onConflictDoNothing();
    const [cursor] = await db.select().from(hotlineOutboxCursor).where(eq(hotlineOutboxCursor.id, 1)).for('update');
    const from = Math.max(0, (cursor?.lastEventId ?? 0) - RESCAN_WINDOW);
    const result = await db.execute(sql`
      INSERT INTO ${hotlineCallbacks} (case_id, event_id, order_no, payload, next_attempt_at)
      SELECT e.case_id, e.id, r.external_id,
        jsonb_build_object(
          'orderNo', r.external_id,
          'caseCode', c.code,
          'eventId', e.id,
          'event', e.type,
          'state', e.to_state,
          'status', CASE WHEN e.to_state = ANY(${CLOSED_STATES_ARRAY}) THEN 'closed' ELSE 'open' END,
          'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'note', COALESCE(e.details->>'note', e.details->>'reason', e.details->>'text')
        ),
        ${now.toISOString()}::timestamptz
      FROM ${caseEvents} e
      JOIN ${cases} c ON c.id = e.case_id
      -- A work order merged into an older case hears of what happens from then on.
      JOIN ${caseReports} r ON r.case_id = e.case_id AND r.channel = 'hotline'
        AND r.external_id IS NOT NULL AND e.at >= r.created_at
      WHERE e.id > ${from}
      ON CONFLICT (event_id, order_no) DO NOTHING
      RETURNING id`);
    const inserted = (result as unknown as { rows?: unknown[] }).rows ?? [];
    const [top] = await db
      .select({ max: sql<number | null>`max(${caseEvents.id})`.mapWith(Number) })
      .from(caseEvents)
      .where(sql`${caseEvents.id} > ${from}`);
    if (top?.max && top.max > (cursor?.lastEventId ?? 0)) {
      await db.update(hotlineOutboxCursor).set({ lastEventId: top.max }).where(eq(hotlineOutboxCursor.id, 1));
    }
    return inserted.length;
  },

  /**
   * Claims due callbacks, at most the oldest pending one per work order (so each order's
   * events arrive in order), and leases them until `leaseUntil`; rows another process
   * holds are skipped. Counts the attempt now, so a crash mid-delivery still counts.
   */
  async claimDue(db: Executor, now: Date, limit: number, leaseUntil: Date): Promise<HotlineCallbackRow[]> {
    const due = await db
      .select()
      .from(hotlineCallbacks)
      .where(
        and(
          isNull(hotlineCallbacks.deliveredAt),
          isNull(hotlineCallbacks.failedAt),
          lte(hotlineCallbacks.nextAttemptAt, now),
          sql`NOT EXISTS (SELECT 1 FROM ${hotlineCallbacks} earlier WHERE earlier.order_no = ${hotlineCallbacks.orderNo}
            AND earlier.event_id < ${hotlineCallbacks.eventId}
            AND earlier.delivered_at IS NULL AND earlier.failed_at IS NULL)`,
        ),
      )
      .orderBy(asc(hotlineCallbacks.eventId))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    await db
      .update(hotlineCallbacks)
      .set({ nextAttemptAt: leaseUntil, attempts: sql`${hotlineCallbacks.attempts} + 1` })
      .where(
        inArray(
          hotlineCallbacks.id,
          due.map((r) => r.id),
        ),
      );
    return due.map((r) => ({ ...r, attempts: r.attempts + 1, nextAttemptAt: leaseUntil }));
  },

  async markDelivered(db: Executor, id: number, at: Date): Promise<void> {
    await db.update(hotlineCallbacks).set({ deliveredAt: at, lastError: null }).where(eq(hotlineCallbacks.id, id));
  },

  async scheduleRetry(db: Executor, id: number, at: Date, error: string): Promise<void> {
    await db.update(hotlineCallbacks).set({ nextAttemptAt: at, lastError: error }).where(eq(hotlineCallbacks.id, id));
  },

  async markFailed(db: Executor, id: number, at: Date, error: string): Promise<void> {
    await db.update(hotlineCallbacks).set({ failedAt: at, lastError: error }).where(eq(hotlineCallbacks.id, id));
  },

  async callbacksOfCase(db: Executor, caseId: string): Promise<HotlineCallbackRow[]> {
    return db
      .select()
      .from(hotlineCallbacks)
      .where(eq(hotlineCallbacks.caseId, caseId))
      .orderBy(asc(hotlineCallbacks.eventId));
  },
};
