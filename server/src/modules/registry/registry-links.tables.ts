import { CASE_REGISTRY_LINK_KINDS, CASE_REGISTRY_LINK_ORIGINS } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { cases } from '../cases/cases.tables.js';

/**
 * A case linked to a registry record (issue 11: visits and cases link to households, dwellings,
 * people; a facility matter points at a facility). `path` is the record's scope path, so a reader
 * sees a link only where both the case and the record are in scope. One row per case and record:
 * a removed link keeps its row (`removed_at`), so the automatic linker never brings back what an
 * operator took away; an operator linking it again reopens it.
 */
export const registryCaseLinks = pgTable(
  'registry_case_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    recordKind: text('record_kind', { enum: CASE_REGISTRY_LINK_KINDS }).notNull(),
    recordId: uuid('record_id').notNull(),
    path: text('path').notNull(),
    origin: text('origin', { enum: CASE_REGISTRY_LINK_ORIGINS }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedBy: uuid('removed_by').references(() => users.id),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('registry_case_links_case_record_key').on(t.caseId, t.recordKind, t.recordId),
    index('registry_case_links_record_idx').on(t.recordKind, t.recordId).where(sql`${t.removedAt} IS NULL`),
  ],
);
