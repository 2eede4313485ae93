import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';

/** A party organization (党组织) of an employer, checked in to a residential community (双报到). */
export const partyOrganizations = pgTable(
  'party_organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    name: text('name').notNull(),
    employer: text('employer').notNull(),
    contact: text('contact').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_organizations_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);

/** A party member checked in to the community they live in, with their employer (who gets the quarterly record). */
export const partyMembers = pgTable(
  'party_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    name: text('name').notNull(),
    employer: text('employer').notNull(),
    organizationId: uuid('organization_id').references(() => partyOrganizations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_members_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);

/** The community's needs list: service posts (服务岗位) members take. */
export const servicePosts = pgTable(
  'service_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityCode: text('community_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    needed: integer('needed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_posts_path_idx').using('btree', sql`${t.path} text_pattern_ops`)],
);

export const partyMemberPosts = pgTable(
  'party_member_posts',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => servicePosts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('party_member_posts_once').on(t.memberId, t.postId)],
);

/** Service a member gave on a post (服务记录), by China day. */
export const partyServiceLogs = pgTable(
  'party_service_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => servicePosts.id),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_service_logs_member_idx').on(t.memberId, t.servedOn)],
);
