import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.js';

/** What the 12345 platform receives for one timeline event of one of its work orders. */
export interface HotlineCallbackPayload {
  orderNo: string;
  caseCode: string;
  /** case_events.id: the receiver's idempotency key; increases per case. */
  eventId: number;
  event: string;
  state: string;
  status: 'open' | 'closed';
  at: string;
  note: string | null;
}

/**
 * The outbox of status callbacks to the 12345 platform: one row per timeline event and
 * work order (unique), delivered in event order per work order. A row is claimed with
 * FOR UPDATE SKIP LOCKED and leased (next_attempt_at moved ahead) before the HTTP call,
 * so several processes never send it at once; a failed delivery is retried with
 * exponential backoff until `max attempts`, then marked failed.
 */
export const hotlineCallbacks = pgTable(
  'hotline_callbacks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    orderNo: text('order_no').notNull(),
    payload: jsonb('payload').$type<HotlineCallbackPayload>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hotline_callbacks_event_order_idx').on(t.eventId, t.orderNo),
    index('hotline_callbacks_pending_idx')
      .on(t.orderNo, t.eventId)
      .where(sql`${t.deliveredAt} IS NULL AND ${t.failedAt} IS NULL`),
  ],
);

/**
 * How far the timeline has been scanned for events of hotline cases (one row, id 1).
 * Each scan re-reads a trailing window below it (insert … on conflict do nothing), since
 * a transaction holding a lower event id may commit after a higher one was seen.
 */
export const hotlineOutboxCursor = pgTable('hotline_outbox_cursor', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
});
