import type { HandlingLevel, MatterCategory, WorkingDuration } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { FormField, LimitClass } from './data/matter.js';

/** Automatic escalation of an overdue case: so many working hours after the limit expired. */
export interface EscalationRule {
  afterOverdueHours: number;
}

/**
 * The matter catalog (事项清单), with history: an administrator's change closes the current
 * row (`valid_to`) and inserts the next `version`, so a case keeps the rules it was opened
 * under (it stores code + version). One current row per code.
 */
export const matters = pgTable(
  'matters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    category: text('category').$type<MatterCategory>().notNull(),
    kind: text('kind', { enum: ['facility', 'event'] }).notNull(),
    gbClass: text('gb_class').notNull(),
    ownerUnitCodes: text('owner_unit_codes').array().notNull(),
    handlingLevel: text('handling_level').$type<HandlingLevel>().notNull(),
    limitClass: text('limit_class').$type<LimitClass>().notNull(),
    registerHours: doublePrecision('register_hours').notNull(),
    dispatchHours: doublePrecision('dispatch_hours').notNull(),
    handleLimit: jsonb('handle_limit').$type<WorkingDuration>().notNull(),
    verifyHours: doublePrecision('verify_hours').notNull(),
    difficulty: smallint('difficulty').notNull(),
    needsOnSiteVerification: boolean('needs_on_site_verification').notNull(),
    /** Its cases are listed publicly (Open311); false (sensitive) unless an administrator or the seed says so. */
    listedPublicly: boolean('listed_publicly').notNull().default(false),
    duplicateRadiusMeters: doublePrecision('duplicate_radius_m').notNull(),
    duplicateWindowHours: doublePrecision('duplicate_window_h').notNull(),
    pinyinInitials: text('pinyin_initials').notNull(),
    keywords: text('keywords').array().notNull(),
    formFields: jsonb('form_fields').$type<FormField[]>().notNull(),
    escalation: jsonb('escalation').$type<EscalationRule | null>(),
    /** A retired matter cannot be reported any more; its cases keep it. */
    active: boolean('active').notNull().default(true),
    changedBy: uuid('changed_by'),
    changeReason: text('change_reason'),
  },
  (t) => [
    uniqueIndex('matters_current_code_idx').on(t.code).where(sql`${t.validTo} IS NULL`),
    uniqueIndex('matters_code_version_idx').on(t.code, t.version),
    index('matters_category_idx').on(t.category),
  ],
);
