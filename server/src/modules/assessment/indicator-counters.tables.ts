import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { IndicatorCounters } from './domain/indicator-counters.js';

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
