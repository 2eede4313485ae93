import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { patrols } from '../patrols/patrols.tables.js';

/**
 * A plan to visit a household (走访), set by a grid head or the desk for a grid; the visit
 * recorded with its id closes it. `path` is the grid's path (scope filter).
 */
export const visitPlans = pgTable(
  'visit_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    address: text('address').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    note: text('note'),
    gridCode: text('grid_code').notNull(),
    path: text('path').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    visitId: uuid('visit_id'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('visit_plans_open_idx')
      .using('btree', sql`${t.path} text_pattern_ops`, t.dueOn)
      .where(sql`${t.visitId} IS NULL`),
  ],
);

/**
 * A household visit (走访): free text and an address (the people registry comes later),
 * where and when, and the patrol it was made on. `path` is the grid's path where the
 * point fell, else the worker's scope path. Visits are work records and outlive the
 * patrol's track (the link is cleared when the track is deleted).
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    address: text('address').notNull(),
    note: text('note').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    gridCode: text('grid_code'),
    path: text('path').notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    patrolId: uuid('patrol_id').references(() => patrols.id, { onDelete: 'set null' }),
    planId: uuid('plan_id').references(() => visitPlans.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.visitedAt),
    index('visits_user_idx').on(t.userId, t.visitedAt),
    index('visits_patrol_idx').on(t.patrolId),
  ],
);
