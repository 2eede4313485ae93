import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * A post of the grid team (一长五员 + police deputy head) on one grid, with its A/B pair:
 * the holder (A) and the named backup (B) who takes the post's work while A is absent.
 * Keyed by the grid's stable code, so posts survive a new version of the grid's shape.
 */
export const gridPosts = pgTable(
  'grid_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gridCode: text('grid_code').notNull(),
    role: text('role', {
      enum: ['grid_head', 'deputy_grid_head', 'grid_worker', 'supervisor', 'informant', 'patroller', 'liaison'],
    }).notNull(),
    holderUserId: uuid('holder_user_id')
      .notNull()
      .references(() => users.id),
    backupUserId: uuid('backup_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grid_posts_grid_role_idx').on(t.gridCode, t.role),
    index('grid_posts_holder_idx').on(t.holderUserId),
    index('grid_posts_backup_idx').on(t.backupUserId),
  ],
);

/** A period in which a person does not hold their posts (leave, sickness, training). */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [index('absences_user_idx').on(t.userId, t.startsAt)],
);
