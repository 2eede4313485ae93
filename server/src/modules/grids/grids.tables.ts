import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { regions } from '../regions/regions.tables.js';
import type { AreaGeometry } from './geometry/types.js';

/**
 * The grid map, with history: a change closes the current row (`valid_to`) and opens a
 * new version, so "which grid held this point on date D" has an answer and nothing is
 * overwritten. `code` is stable across versions; one current row per code.
 * `path` extends the region path of the grid's region, so a data scope (a region or a
 * grid) filters grids with the same prefix test as everything else.
 */
export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    geometry: jsonb('geometry').$type<AreaGeometry>().notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    areaSquareMeters: doublePrecision('area_m2').notNull(),
    households: integer('households').notNull().default(0),
    people: integer('people').notNull().default(0),
    version: integer('version').notNull().default(1),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('grids_current_code_idx').on(t.code).where(sql`${t.validTo} IS NULL`),
    index('grids_code_idx').on(t.code, t.validFrom),
    index('grids_parent_idx').on(t.parentCode),
    index('grids_region_idx').on(t.regionCode),
    index('grids_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('grids_bbox_idx').on(t.minLon, t.maxLon, t.minLat, t.maxLat),
  ],
);

/**
 * One row, bumped in the same transaction as any change to the grid map: app nodes
 * compare it with the version their in-memory index was built from.
 */
export const gridMapState = pgTable('grid_map_state', {
  id: smallint('id').primaryKey().default(1),
  version: integer('version').notNull().default(0),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
