import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The region tree (行政区划): county → town/street → village/community. `path` is the
 * materialized chain of codes ("320281/320281001/320281001001") so that a data scope is
 * one prefix test in SQL.
 */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: ['county', 'town', 'community'] }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => regions.code),
    path: text('path').notNull().unique(),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Boundary (GeoJSON Polygon/MultiPolygon, WGS84) where known: the county's outline bounds its grid map. */
    geometry: jsonb('geometry'),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
  ],
);
