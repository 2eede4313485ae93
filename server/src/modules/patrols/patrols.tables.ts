import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * A patrol (巡查): a worker walking the grid with the app recording the GPS track.
 * The latest point is kept on the row too, so the desk's live map reads only open
 * patrols, not the track. `lastPath` is that point's grid path (or the worker's scope
 * path when no grid covers it), filtered with the standard scope prefix test.
 */
export const patrols = pgTable(
  'patrols',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Null while the patrol is on. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Length of the track in metres (points of poor accuracy left out). */
    distanceM: doublePrecision('distance_m').notNull().default(0),
    pointCount: integer('point_count').notNull().default(0),
    lastAt: timestamp('last_at', { withTimezone: true }),
    lastLon: doublePrecision('last_lon'),
    lastLat: doublePrecision('last_lat'),
    lastGridCode: text('last_grid_code'),
    lastPath: text('last_path'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('patrols_user_idx').on(t.userId, t.startedAt),
    // At most one open patrol per worker: a second start (even a simultaneous one) finds the first.
    uniqueIndex('patrols_one_open_idx').on(t.userId).where(sql`${t.endedAt} IS NULL`),
    index('patrols_open_idx')
      .using('btree', sql`${t.lastPath} text_pattern_ops`, t.lastAt)
      .where(sql`${t.endedAt} IS NULL`),
    // The retention sweep deletes by the patrol's last activity.
    index('patrols_retention_idx').on(sql`coalesce(${t.endedAt}, ${t.lastAt}, ${t.startedAt})`),
  ],
);

/**
 * The track: one row per GPS fix. (patrol, at) is the key, so a retried batch stores
 * nothing twice. `path` is the fix's grid path (or the worker's scope path outside every
 * grid): tracks per grid or region and day are a prefix-and-time range on one index.
 */
export const patrolPoints = pgTable(
  'patrol_points',
  {
    patrolId: uuid('patrol_id')
      .notNull()
      .references(() => patrols.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    accuracyM: doublePrecision('accuracy_m'),
    gridCode: text('grid_code'),
    path: text('path').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.patrolId, t.at] }),
    index('patrol_points_path_at_idx').using('btree', sql`${t.path} text_pattern_ops`, t.at),
  ],
);
