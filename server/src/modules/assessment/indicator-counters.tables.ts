import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CaseCounters, IndicatorCounters } from './domain/indicator-counters.js';

/**
 * Indicator counters of closed periods (issue 12 item 10): per scope (the county and each town),
 * level, period and unit, every indicator's numerator and denominator, summed case by case
 * (domain/indicator-counters.ts). Kept by the `assessment-indicator-counters` job from the domain
 * event log: a period is counted once it has closed, and counted again if an event dated inside it
 * arrives later. The indicator table reads these for a closed period instead of folding every case.
 */
export const indicatorCounters = pgTable(
  'assessment_indicator_counters',
  {
    scopePath: text('scope_path').notNull(),
    periodKind: text('period_kind', { enum: ['day', 'week', 'month'] }).notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    level: text('level').notNull(),
    unitKey: text('unit_key').notNull(),
    counters: jsonb('counters').$type<IndicatorCounters>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopePath, t.periodKind, t.firstDay, t.level, t.unitKey] })],
);

/**
 * Each case's part of the counters above (the drill-down behind a number): per scope, closed
 * period and case, the units it counts in at each level (domain/groups.ts) and, for each
 * indicator it counts in, [numerator, denominator, counts against 1/0]. Written by the same job
 * in the same transaction as the sums and forgotten with them, so a number and its cases never
 * disagree. One row per case and period, not per (case, period, level, indicator): that narrow
 * layout would hold about 5 levels × 6 indicators as many rows (hundreds of millions at 3 M
 * cases over the horizon), while a unit's cases of one period are a few hundred for a grid —
 * one range read of the level's index, then filtered by indicator and ordered (against first,
 * then by code) in the database. The county level reads the primary key's prefix.
 */
export const caseCounters = pgTable(
  'assessment_case_counters',
  {
    scopePath: text('scope_path').notNull(),
    periodKind: text('period_kind', { enum: ['day', 'week', 'month'] }).notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    caseId: uuid('case_id').notNull(),
    code: text('code').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    workerKey: text('worker_key'),
    gridKey: text('grid_key'),
    communityKey: text('community_key'),
    townKey: text('town_key'),
    departmentKey: text('department_key'),
    countyKey: text('county_key'),
    counters: jsonb('counters').$type<CaseCounters>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scopePath, t.periodKind, t.firstDay, t.caseId] }),
    index('assessment_case_counters_worker_idx').on(t.scopePath, t.periodKind, t.firstDay, t.workerKey),
    index('assessment_case_counters_grid_idx').on(t.scopePath, t.periodKind, t.firstDay, t.gridKey),
    index('assessment_case_counters_community_idx').on(t.scopePath, t.periodKind, t.firstDay, t.communityKey),
    index('assessment_case_counters_town_idx').on(t.scopePath, t.periodKind, t.firstDay, t.townKey),
    index('assessment_case_counters_department_idx').on(t.scopePath, t.periodKind, t.firstDay, t.departmentKey),
  ],
);

/** The periods whose counters are complete, per scope (a period with no case has a row here and none above). */
export const countedPeriods = pgTable(
  'assessment_counted_periods',
  {
    scopePath: text('scope_path').notNull(),
    periodKind: text('period_kind', { enum: ['day', 'week', 'month'] }).notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    cases: integer('cases').notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scopePath, t.periodKind, t.firstDay] }),
    index('assessment_counted_periods_to_idx').on(t.periodTo),
  ],
);

/** How far the counter job has read the domain event log (one row; moved in the transaction that writes the counters). */
export const indicatorCounterCursor = pgTable('assessment_indicator_counter_cursor', {
  id: integer('id').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
