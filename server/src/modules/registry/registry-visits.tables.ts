import { HOUSEHOLD_VISIT_OUTCOMES, VISIT_CHANGE_KINDS, VISIT_REVIEW_STATES } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { registryDwellings, registryHouseholds, registryPeople } from './registry.tables.js';

/** One change a visit brought, as kept with it (an ID number only as its mask; the sealed value waits in the review). */
export interface StoredVisitChange {
  kind: (typeof VISIT_CHANGE_KINDS)[number];
  personId: string | null;
  summary: string;
  applied: boolean;
  reviewId: string | null;
}

/**
 * A household visit (走访) recorded against the registry: who, when, what was found, and the
 * changes it brought (applied at once or sent for review by the rule in domain/visit-changes.ts).
 * `person_ids` links the visit to every person it touched (the person page lists its visits).
 */
export const registryHouseholdVisits = pgTable(
  'registry_household_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => registryHouseholds.id),
    dwellingId: uuid('dwelling_id')
      .notNull()
      .references(() => registryDwellings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: HOUSEHOLD_VISIT_OUTCOMES }).notNull(),
    note: text('note'),
    changes: jsonb('changes').$type<StoredVisitChange[]>().notNull(),
    personIds: uuid('person_ids').array().notNull(),
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('registry_household_visits_household_idx').on(t.householdId, t.visitedAt),
    index('registry_household_visits_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.visitedAt),
    index('registry_household_visits_people_idx').using('gin', t.personIds),
  ],
);

/**
 * A visit's change that a rule sends to the community desk (a new head, an ID number): applied
 * only on approval. The ID number found on the spot is kept sealed, like the person's.
 */
export const registryVisitReviews = pgTable(
  'registry_visit_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => registryHouseholdVisits.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => registryHouseholds.id),
    personId: uuid('person_id').references(() => registryPeople.id),
    kind: text('kind', { enum: VISIT_CHANGE_KINDS }).notNull(),
    summary: text('summary').notNull(),
    /** new-head: the old head's relation afterwards. */
    formerHeadRelation: text('former_head_relation'),
    idNumberSealed: text('id_number_sealed'),
    state: text('state', { enum: VISIT_REVIEW_STATES }).notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('registry_visit_reviews_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.state)],
);

/** Each grid's data quality as the daily job found it (the desk reads today's on demand). */
export const registryQualityDaily = pgTable(
  'registry_quality_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    gridCode: text('grid_code').notNull(),
    path: text('path').notNull(),
    expectedHouseholds: integer('expected_households').notNull(),
    expectedPeople: integer('expected_people').notNull(),
    households: integer('households').notNull(),
    people: integer('people').notNull(),
    visited: integer('visited').notNull(),
    confirmed: integer('confirmed').notNull(),
    dwellingsWithoutHousehold: integer('dwellings_without_household').notNull(),
    householdsNeverVisited: integer('households_never_visited').notNull(),
    peopleWithoutIdNumber: integer('people_without_id_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.gridCode] })],
);
