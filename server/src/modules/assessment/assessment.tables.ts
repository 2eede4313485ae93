import type { DrawParameters, DrawTargetKind } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';
import type { DetectorFlags, DrawInspector, DrawTarget } from './domain/random-draw.js';
import type { ScoringRule } from './domain/scoring.js';

/**
 * The shared inspection calendar (督查 and supervision visits to communities): every visit
 * is booked here first, so a community's load can be seen and limited (seed 002: five
 * inspection teams a day left no time for the epidemic). `path` is the community's path
 * (scope filter). A cancelled booking stays, with who cancelled it.
 */
export const inspectionBookings = pgTable(
  'inspection_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    /** The local (China) day of the visit. */
    day: date('day', { mode: 'string' }).notNull(),
    /** Routine visits stop while the county suspends them; special ones (an emergency, a complaint) do not. */
    kind: text('kind', { enum: ['routine', 'special'] }).notNull(),
    /** Who comes: the inspecting team or office, as the community will meet it. */
    team: text('team').notNull(),
    purpose: text('purpose').notNull(),
    bookedBy: uuid('booked_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
  },
  (t) => [
    index('inspection_bookings_community_day_idx').on(t.communityCode, t.day).where(sql`${t.cancelledAt} IS NULL`),
    index('inspection_bookings_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.day),
  ],
);

/**
 * The county's inspection-load limits: at most `maxPerDay` visits to one community on a day
 * and `maxPerWeek` in a week (Monday–Sunday), and the switch that suspends routine visits
 * (an emergency). One row per county; without a row the defaults of inspection-load.ts hold.
 */
export const inspectionSettings = pgTable('inspection_settings', {
  countyCode: text('county_code')
    .primaryKey()
    .references(() => regions.code),
  maxPerDay: integer('max_per_day').notNull(),
  maxPerWeek: integer('max_per_week').notNull(),
  routineSuspended: boolean('routine_suspended').notNull().default(false),
  suspendedReason: text('suspended_reason'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The county's scoring rules (考核细则), versioned like the catalog: a change saves a new
 * version and the highest is in force; older ones stay, so any past score can be explained
 * by the rules it was computed with. Without a row the built-in default (version 0) holds.
 */
export const scoringRuleSets = pgTable(
  'scoring_rule_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    countyCode: text('county_code')
      .notNull()
      .references(() => regions.code),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<ScoringRule[]>().notNull(),
    note: text('note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scoring_rule_sets_version_idx').on(t.countyCode, t.version)],
);

/**
 * The inspector registry (双随机, issue 12 item 5): staff accounts enrolled to inspect. Their
 * home area (scope) and unit are read from the account when a draw is made, and frozen in the
 * draw's snapshot. A withdrawn inspector stays, with when, so past draws keep their names.
 */
export const inspectors = pgTable('inspectors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  enrolledBy: uuid('enrolled_by').references(() => users.id),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
});

/**
 * A random inspection draw: its published seed and the snapshot it was drawn from (registries,
 * parameters, the previous draw's pairs), with the snapshot's SHA-256, so anyone can re-run
 * drawInspections and get the stored list. `path` is the drawer's scope (who sees the draw).
 */
export const inspectionDraws = pgTable(
  'inspection_draws',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    path: text('path').notNull(),
    period: text('period').notNull(),
    seed: text('seed').notNull(),
    seedSource: text('seed_source', { enum: ['public-value', 'generated'] }).notNull(),
    parameters: jsonb('parameters').$type<DrawParameters>().notNull(),
    snapshot: jsonb('snapshot')
      .$type<{
        inspectors: DrawInspector[];
        targets: DrawTarget[];
        previousPairs: { inspectorId: string; targetKind: DrawTargetKind; targetCode: string }[];
        /** Absent in draws made before the detector fed draws. */
        detectorFlags?: DetectorFlags;
      }>()
      .notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    previousDrawId: uuid('previous_draw_id'),
    unstaffed: jsonb('unstaffed').$type<{ targetKind: DrawTargetKind; targetCode: string }[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_draws_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.createdAt)],
);

/** One (inspector, target) pair of a draw, in draw order; `targetPath` places it in the region tree. */
export const inspectionDrawPairs = pgTable(
  'inspection_draw_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drawId: uuid('draw_id')
      .notNull()
      .references(() => inspectionDraws.id),
    position: integer('position').notNull(),
    targetKind: text('target_kind', { enum: ['grid', 'unit', 'case'] }).notNull(),
    targetCode: text('target_code').notNull(),
    targetPath: text('target_path').notNull(),
    inspectorId: uuid('inspector_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('inspection_draw_pairs_position_idx').on(t.drawId, t.position),
    index('inspection_draw_pairs_inspector_idx').on(t.inspectorId),
  ],
);

/**
 * What an inspector found on site vs what had been reported (ground truth for the detector of
 * hidden reporting, issue 12 item 4). Append-only: a correction is a new row, the latest counts.
 */
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pairId: uuid('pair_id')
      .notNull()
      .references(() => inspectionDrawPairs.id),
    foundCount: integer('found_count').notNull(),
    reportedCount: integer('reported_count').notNull(),
    foundCaseCodes: text('found_case_codes').array().notNull().default(sql`'{}'::text[]`),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_findings_pair_idx').on(t.pairId, t.recordedAt)],
);
