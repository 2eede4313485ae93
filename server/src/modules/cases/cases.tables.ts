import {
  type CaseChannel,
  type CaseEventType,
  type FormAnswers,
  type HandlingLevel,
  type MatterCategory,
  OPEN_STATES,
} from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
import type { ClockStage } from './domain/workflow.js';
import type { CaseState } from './domain/workflow-types.js';
import type { StoredSnapshot } from './snapshot-json.js';

/** Numbers of case codes (YW20261123-000123): never reused, gaps are harmless. */
export const caseCodeSeq = pgSequence('case_code_seq', { startWith: 1, increment: 1 });

export type TimeState = 'normal' | 'warning' | 'overdue';

/**
 * The open states as an SQL list, for the partial indexes of open cases and the queries that
 * must name the same list (literally: a parameter cannot show the planner that a partial index applies).
 */
export const OPEN_STATES_SQL = OPEN_STATES.map((state) => `'${state}'`).join(', ');

/**
 * A case (事件). `snapshot` is the domain CaseSnapshot the workflow runs on; the columns
 * beside it repeat what lists, filters, scopes and timers query. `path` is the path of the
 * case's base grid (or of its region until it is placed on the map), so the standard data
 * scope filter scopes cases. `version` changes with every write (optimistic concurrency).
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    state: text('state').$type<CaseState>().notNull(),
    matterCode: text('matter_code').notNull(),
    matterVersion: integer('matter_version').notNull(),
    matterCategory: text('matter_category').$type<MatterCategory>().notNull(),
    level: text('level').$type<HandlingLevel>().notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    gridCode: text('grid_code'),
    path: text('path').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    address: text('address'),
    description: text('description').notNull(),
    channel: text('channel').$type<CaseChannel>().notNull(),
    commandUnitId: uuid('command_unit_id')
      .notNull()
      .references(() => units.id),
    assignedUnitId: uuid('assigned_unit_id').references(() => units.id),
    /** Assigned, assisting and summoned units: whose inbox the case is in. */
    involvedUnitIds: uuid('involved_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reporterUserId: uuid('reporter_user_id').references(() => users.id),
    snapshot: jsonb('snapshot').$type<StoredSnapshot>().notNull(),
    stage: text('stage').$type<Exclude<ClockStage, null>>(),
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
    stageDueAt: timestamp('stage_due_at', { withTimezone: true }),
    timeState: text('time_state').$type<TimeState>().notNull().default('normal'),
    handleDueAt: timestamp('handle_due_at', { withTimezone: true }),
    /** Reports merged in beyond the first ("me too", 并单). */
    supporterCount: integer('supporter_count').notNull().default(0),
    /** Cases an operator judged not to be duplicates of this one. */
    keptApartCaseIds: uuid('kept_apart_case_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('cases_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('cases_state_idx').on(t.state, t.createdAt),
    // Duplicate search: the open cases in a box around a report. Spatial (GiST on the point) and
    // of open cases only, so a search reads the cases near it however many the city holds; the
    // B-tree it replaces, led by category and time, read every open case of the category in the
    // window, and the intake slowed as the table grew.
    index('cases_duplicates_idx')
      .using('gist', sql`point(${t.lon}, ${t.lat})`)
      .where(sql.raw(`state IN (${OPEN_STATES_SQL})`)),
    index('cases_command_unit_idx').on(t.commandUnitId, t.state),
    index('cases_assigned_unit_idx').on(t.assignedUnitId, t.state),
    index('cases_involved_units_idx').using('gin', t.involvedUnitIds),
    index('cases_time_state_idx').on(t.timeState, t.stageDueAt),
    index('cases_created_idx').on(t.createdAt),
    // The open cases newest first (the desk's "open only" list, the queues): a page reads its own rows, not every open case.
    index('cases_open_created_idx')
      .on(t.createdAt)
      .where(sql.raw(`state IN (${OPEN_STATES_SQL})`)),
  ],
);

/**
 * Every report merged into a case, with its channel and reporter. The phone number is
 * sealed (AES-GCM with the platform key) and shown masked unless revealed for a stated,
 * audited purpose.
 */
export const caseReports = pgTable(
  'case_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    channel: text('channel').$type<CaseChannel>().notNull(),
    reporterUserId: uuid('reporter_user_id').references(() => users.id),
    reporterName: text('reporter_name'),
    reporterPhoneSealed: text('reporter_phone_sealed'),
    reporterPhoneMasked: text('reporter_phone_masked'),
    /** Hidden from handlers and the public (the command desk still sees who, for the callback). */
    anonymous: boolean('anonymous').notNull().default(false),
    /** The operator who entered a call or a walk-in at the desk. */
    enteredByUserId: uuid('entered_by_user_id').references(() => users.id),
    description: text('description').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    address: text('address'),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    formAnswers: jsonb('form_answers').$type<FormAnswers>().notNull().default({}),
    /** The sender's own id: a 12345 work-order number, an Open311 token. One report per id and channel. */
    externalId: text('external_id'),
    /** A link to the reporter's own picture elsewhere (Open311 media_url), http(s) only. */
    mediaUrl: text('media_url'),
    /**
     * Given to the reporter with the case code: together they let anyone follow the case's
     * public facts without an account. Kept readable (not hashed) because the resident's
     * list shows it again; it opens nothing but what the public view shows.
     */
    followKey: text('follow_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('case_reports_case_idx').on(t.caseId, t.createdAt),
    index('case_reports_reporter_idx').on(t.reporterUserId),
    uniqueIndex('case_reports_external_idx').on(t.channel, t.externalId).where(sql`${t.externalId} IS NOT NULL`),
  ],
);

/** The timeline: every transition's events, intake, merges and timer events, append-only. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Only listed kinds (contracts' CASE_EVENT_TYPES, each with its words): a new kind is listed there first. */
    type: text('type').$type<CaseEventType>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorUnitId: uuid('actor_unit_id'),
    fromState: text('from_state').$type<CaseState>().notNull(),
    toState: text('to_state').$type<CaseState>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    // The few cases a person supervised by hand (the supervision list), found from their events, not by probing every open case.
    index('case_events_supervised_idx')
      .on(t.caseId)
      .where(sql`${t.type} = 'supervised' AND ${t.actorUserId} IS NOT NULL`),
  ],
);

export const TIMER_KINDS = ['warning', 'overdue', 'escalate', 'callback', 'archive', 'hold_review'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
export type TimerStatus = 'pending' | 'done' | 'cancelled' | 'failed';

/**
 * Durable timers: rows, not in-memory callbacks, so a restart loses none and a second
 * process doubles none (claimed with FOR UPDATE SKIP LOCKED, marked done in the same
 * transaction as their effect). `stage` and `forDueAt` say which limit a timer was set
 * for; a timer whose case has moved on is closed without effect.
 */
export const caseTimers = pgTable(
  'case_timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<TimerKind>().notNull(),
    stage: text('stage').$type<Exclude<ClockStage, null>>(),
    forDueAt: timestamp('for_due_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<TimerStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    index('case_timers_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    index('case_timers_case_idx').on(t.caseId, t.status),
  ],
);

/**
 * 六定 dispatch rules (派单目录), first match by `position` wins: a matter (code or
 * category) × a place (region subtree or grid) → a unit, and optionally a post (its A/B
 * holder) or a person.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    position: integer('position').notNull(),
    matterCode: text('matter_code'),
    matterCategory: text('matter_category').$type<MatterCategory>(),
    regionPathPrefix: text('region_path_prefix'),
    gridCode: text('grid_code'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    postId: uuid('post_id'),
    personUserId: uuid('person_user_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('routing_rules_position_idx').on(t.position)],
);
