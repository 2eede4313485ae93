import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';

/** A volunteer of a community (志愿者): a resident who signed up, or one the workstation registered. */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    name: text('name').notNull(),
    skills: text('skills').array().notNull(),
    availability: text('availability').notNull(),
    training: text('training').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteers_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    unique('volunteers_user_community_key').on(t.userId, t.communityCode),
  ],
);

/** A volunteer activity (志愿活动) with its organizer and the cap of points one volunteer earns from it. */
export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    place: text('place').notNull(),
    capPoints: integer('cap_points'),
    organizerId: uuid('organizer_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_activities_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.createdAt)],
);

/** A shift of an activity: `taken` counts its sign-ups and never passes `capacity` (checked by the database too). */
export const volunteerShifts = pgTable(
  'volunteer_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => volunteerActivities.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [
    index('volunteer_shifts_activity_idx').on(t.activityId, t.startsAt),
    check('volunteer_shifts_cap', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.capacity}`),
    check('volunteer_shifts_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A volunteer's place on a shift, and the minutes the organizer verified (and how many the cap let count). */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => volunteerShifts.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    verifiedMinutes: integer('verified_minutes'),
    creditedMinutes: integer('credited_minutes'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('volunteer_signups_once').on(t.shiftId, t.volunteerId)],
);

/** The time bank (时间银行): a ledger per volunteer, minutes earned (+) and spent (−); the balance is their sum. */
export const timeBankEntries = pgTable(
  'time_bank_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    minutes: integer('minutes').notNull(),
    kind: text('kind', { enum: ['earned', 'spent'] }).notNull(),
    /** The verified sign-up it was earned on (one entry each). */
    signupId: uuid('signup_id').references(() => volunteerSignups.id),
    note: text('note').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('time_bank_entries_volunteer_idx').on(t.volunteerId, t.createdAt),
    unique('time_bank_entries_signup_key').on(t.signupId),
    check(
      'time_bank_entries_sign',
      sql`(${t.kind} = 'earned' AND ${t.minutes} > 0) OR (${t.kind} = 'spent' AND ${t.minutes} < 0)`,
    ),
  ],
);

/**
 * The service directory (服务机构名录): social organizations and service providers (hospitals,
 * schools, housekeeping firms, associations) residents can find: what they offer, where, how
 * to reach them. `path` is the region it serves (a community, a town, the county).
 */
export const serviceProviders = pgTable(
  'service_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    offers: text('offers').notNull(),
    address: text('address').notNull(),
    contact: text('contact').notNull(),
    hours: text('hours'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_providers_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);
