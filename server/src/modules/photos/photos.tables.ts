import { PHOTO_CONTENT_TYPES } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';

/**
 * An uploaded photo: the original bytes kept unchanged as evidence, plus a copy with all
 * metadata (EXIF incl. GPS) removed for everyone else, and a thumbnail of that copy.
 * The files live in PhotoStorage under the three keys (a bare JPEG's shared copy is its
 * original: both keys name one file; the thumbnail is stored on its first view); this
 * row is what is scoped, audited and attached to a case.
 */
export const photos = pgTable(
  'photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Hex sha256 of the original bytes: proves the evidence is unchanged (also in the upload's audit row). */
    sha256: text('sha256').notNull(),
    /** Of the original, as sniffed from its bytes (never the declared type). */
    contentType: text('content_type', { enum: PHOTO_CONTENT_TYPES }).notNull(),
    byteSize: integer('byte_size').notNull(),
    /** Of the original as displayed, i.e. after its EXIF orientation is applied. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    originalKey: text('original_key').notNull(),
    redactedKey: text('redacted_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    /** Null when an integration's API key uploaded it (the audit row names the key). */
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    /** The uploader's data-scope path at upload; reads are filtered by it like every scoped row. */
    scopePath: text('scope_path').notNull(),
    /** Set by the cases module when the photo is attached; no FK so that photos need not know cases. */
    caseId: uuid('case_id'),
    /**
     * The Idempotency-Key of a keyed upload. Keyed uploads are told apart by their keys
     * (a retry replays its key's answer), never merged by content: the same picture sent
     * for two reports is two photos, one per case.
     */
    uploadKey: text('upload_key'),
    /** EXIF DateTimeOriginal of the original, when present. */
    takenAt: timestamp('taken_at', { withTimezone: true }),
    /** Whether the original carries EXIF GPS coordinates (never copied to the redacted copy). */
    hasLocation: boolean('has_location').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('photos_scope_path_idx').using('btree', sql`${t.scopePath} text_pattern_ops`),
    index('photos_case_idx').on(t.caseId),
    // Without a key, the same file uploaded again by the same person (a retry) is the same photo until it is attached.
    uniqueIndex('photos_unattached_upload_idx')
      .on(t.uploadedBy, t.scopePath, t.sha256)
      .where(sql`${t.caseId} IS NULL AND ${t.uploadKey} IS NULL`),
  ],
);
