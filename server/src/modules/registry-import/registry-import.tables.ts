import { REGISTRY_IMPORT_KINDS, REGISTRY_IMPORT_STATES, REGISTRY_MERGE_STATES } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * A registry import: the file's rows as read (kept until the run is done, to run it and to hand
 * back the failed rows), the dry run's problems, the run's progress and outcome. `path` is the
 * importer's scope: the run writes only there.
 */
export const registryImports = pgTable(
  'registry_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: REGISTRY_IMPORT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes: with the row number, what makes re-importing it store nothing twice. */
    fileSha256: text('file_sha256').notNull(),
    state: text('state', { enum: REGISTRY_IMPORT_STATES }).notNull().default('checked'),
    headers: jsonb('headers').$type<string[]>().notNull(),
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    rows: jsonb('rows').$type<string[][]>().notNull(),
    problems: jsonb('problems').$type<{ row: number; column: string; value: string; reason: string }[]>().notNull(),
    /** Rows the run could not store after a clean dry run (e.g. a head whose number clashes), with why. */
    runFailures: jsonb('run_failures').$type<{ row: number; reason: string }[]>().notNull().default([]),
    total: integer('total').notNull(),
    valid: integer('valid').notNull(),
    done: integer('done').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    existing: integer('existing').notNull().default(0),
    clashes: integer('clashes').notNull().default(0),
    path: text('path').notNull(),
    /** Who checked and started it (a user, or an API key): the run writes and audits in their name. */
    createdBy: uuid('created_by').references(() => users.id),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('registry_imports_state_idx').on(t.state, t.createdAt)],
);

/** Each row of a file already dealt with (stored, found registered, or sent to merge review): never again. */
export const registryImportRows = pgTable(
  'registry_import_rows',
  {
    fileSha256: text('file_sha256').notNull(),
    row: integer('row').notNull(),
    importId: uuid('import_id')
      .notNull()
      .references(() => registryImports.id),
    outcome: text('outcome', { enum: ['stored', 'existing', 'clash'] }).notNull(),
    personId: uuid('person_id'),
  },
  (t) => [primaryKey({ columns: [t.fileSha256, t.row] })],
);

/** A household an import made, by its dwelling and the file's 户号: later files add members to it. */
export const registryImportHouseholds = pgTable(
  'registry_import_households',
  {
    dwellingId: uuid('dwelling_id').notNull(),
    householdKey: text('household_key').notNull(),
    householdId: uuid('household_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dwellingId, t.householdKey] })],
);

/**
 * An ID-number clash: an imported row whose number is already a registered person's, with other
 * data. Nothing is overwritten; a desk user decides. The incoming row is kept sealed (it holds the
 * full ID number and phone) and masked for the side-by-side view.
 */
export const registryMergeReviews = pgTable(
  'registry_merge_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => registryImports.id),
    row: integer('row').notNull(),
    personId: uuid('person_id').notNull(),
    incomingSealed: text('incoming_sealed').notNull(),
    incomingMasked: jsonb('incoming_masked').$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: REGISTRY_MERGE_STATES }).notNull().default('open'),
    path: text('path').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('registry_merge_reviews_state_idx').on(t.state, t.createdAt),
    index('registry_merge_reviews_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
  ],
);
