import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * A resident's home community for consultation (议事协商): portal sign-ups are county-wide, so a
 * resident names their community once. `householdId` stays null until the household registry
 * links them; then a support and a household vote are keyed by it (see `supporterKeyOf`).
 */
export const communityMembers = pgTable('community_members', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  regionCode: text('region_code').notNull(),
  path: text('path').notNull(),
  householdId: uuid('household_id'),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TopicState = 'open' | 'qualified' | 'on_agenda' | 'decided' | 'expired';

/**
 * A topic (议题) raised for a community or one of its grids. `path` is the grid's path or the
 * community's (scope filter); `communityPath` is always the community's (who may support it).
 * An expired topic stays, shown as expired (a job marks it).
 */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    regionCode: text('region_code').notNull(),
    communityPath: text('community_path').notNull(),
    gridCode: text('grid_code'),
    path: text('path').notNull(),
    raisedBy: uuid('raised_by')
      .notNull()
      .references(() => users.id),
    raisedVia: text('raised_via').$type<'portal' | 'desk'>().notNull(),
    threshold: integer('threshold').notNull(),
    supportCount: integer('support_count').notNull().default(0),
    state: text('state').$type<TopicState>().notNull().default('open'),
    qualifiedAt: timestamp('qualified_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    expiredAt: timestamp('expired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('topics_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.createdAt),
    index('topics_open_expiry_idx').on(t.expiresAt).where(sql`${t.state} = 'open'`),
  ],
);

/**
 * One support per supporter key: `user:<id>` today, `household:<id>` once the registry links the
 * resident (so a household supports once). Withdrawing deletes the row (audited).
 */
export const topicSupports = pgTable(
  'topic_supports',
  {
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id),
    supporterKey: text('supporter_key').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.supporterKey] }), index('topic_supports_user_idx').on(t.userId)],
);

export type MeetingState = 'convened' | 'closed' | 'published';

/**
 * A consultation meeting (议事会) of a community, with its type's quorum and majority rules
 * copied at convening (percentages; `majorityBase`: of the votes cast or of the participants).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    meetingType: text('meeting_type').notNull(),
    regionCode: text('region_code').notNull(),
    path: text('path').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    voteUnit: text('vote_unit').$type<'person' | 'household'>().notNull(),
    quorumPercent: integer('quorum_percent').notNull(),
    majorityPercent: integer('majority_percent').notNull(),
    majorityBase: text('majority_base').$type<'cast' | 'participants'>().notNull(),
    state: text('state').$type<MeetingState>().notNull().default('convened'),
    minutes: text('minutes'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    convenedBy: uuid('convened_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.startsAt)],
);

/** Who registered for a meeting, with the short code the clerk checks at the door. */
export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: uuid('user_id').references(() => users.id),
    voterKey: text('voter_key').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meeting_registrations_code_idx').on(t.meetingId, t.code),
    uniqueIndex('meeting_registrations_voter_idx').on(t.meetingId, t.voterKey),
  ],
);

export type AgendaResult = 'adopted' | 'rejected' | 'no_quorum';
export interface StoredTally {
  result: AgendaResult;
  quorumNeeded: number;
  quorumMet: boolean;
  participants: number;
  registered: number;
  yes: number;
  no: number;
  abstain: number;
  cast: number;
  yesNeeded: number;
}

/** An agenda item: a topic (or the desk's own item); the paper count entered by the clerk kept apart from online votes. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    topicId: uuid('topic_id').references(() => topics.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    paperYes: integer('paper_yes'),
    paperNo: integer('paper_no'),
    paperAbstain: integer('paper_abstain'),
    paperEnteredBy: uuid('paper_entered_by').references(() => users.id),
    result: text('result').$type<AgendaResult>(),
    /** The count as it was taken (the Tally of the contracts), kept as counted. */
    tally: jsonb('tally').$type<StoredTally>(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    uniqueIndex('agenda_items_topic_idx').on(t.topicId),
  ],
);

/** An online vote, one per voter key (a person, or a household when the meeting votes by household). */
export const votes = pgTable(
  'votes',
  {
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    voterKey: text('voter_key').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    choice: text('choice').$type<'yes' | 'no' | 'abstain'>().notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.voterKey] })],
);

export type DecisionState = 'in_progress' | 'done';

/**
 * A decision (决议) of an adopted agenda item, carried out by tasks and tracked in public.
 * Other modules (the community fund) refer to it by id through the module's face.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    topicId: uuid('topic_id').references(() => topics.id),
    regionCode: text('region_code').notNull(),
    path: text('path').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    state: text('state').$type<DecisionState>().notNull().default('in_progress'),
    progress: integer('progress').notNull().default(0),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('decisions_agenda_item_idx').on(t.agendaItemId),
    index('decisions_path_idx').using('btree', sql`${t.path} text_pattern_ops`, t.decidedAt),
  ],
);

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled';

/** A task carrying out a decision: a case in the loop (`caseCode`) or a community task with an owner. */
export const decisionTasks = pgTable(
  'decision_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    kind: text('kind').$type<'case' | 'community'>().notNull(),
    title: text('title').notNull(),
    ownerName: text('owner_name'),
    /** The case carrying it out (its timeline events, read from the domain event log, move the task). */
    caseCode: text('case_code'),
    status: text('status').$type<TaskStatus>().notNull().default('not_started'),
    progress: integer('progress').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decision_tasks_decision_idx').on(t.decisionId), index('decision_tasks_case_idx').on(t.caseCode)],
);

/** A task's timeline: every status or progress change, from the desk or from its case's events. */
export const taskUpdates = pgTable(
  'task_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => decisionTasks.id),
    status: text('status').$type<TaskStatus>().notNull(),
    progress: integer('progress').notNull(),
    note: text('note').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('task_updates_task_idx').on(t.taskId, t.at)],
);

export type NoticeKind = 'topic.on-agenda' | 'decision.adopted' | 'task.created' | 'task.status' | 'decision.done';

/** A portal notice to a resident ("my notices"); `sentVia` records what the SMS/WeChat sender did with it. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    decisionId: uuid('decision_id').references(() => decisions.id),
    topicId: uuid('topic_id').references(() => topics.id),
    /** What happened (notice-messages.ts words it in the reader's language at reading time). */
    kind: text('kind').$type<NoticeKind>().notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    sentVia: text('sent_via'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notices_user_idx').on(t.userId, t.createdAt)],
);

/** How far the consultation module has read the domain event log (case status changes of decision tasks). */
export const consultationCursors = pgTable('consultation_cursors', {
  name: text('name').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
});
