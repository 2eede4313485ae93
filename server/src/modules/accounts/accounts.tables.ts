import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    /** Root of the account's data scope in the region tree. */
    scopeRegionCode: text('scope_region_code')
      .notNull()
      .references(() => regions.code),
    unitId: uuid('unit_id').references(() => units.id),
    locale: text('locale', { enum: ['zh-CN', 'en-US'] })
      .notNull()
      .default('zh-CN'),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** TOTP secret, AES-256-GCM sealed with the platform secret key. */
    totpSecretSealed: text('totp_secret_sealed'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The last TOTP time step accepted: a code works once, so a later code must have a later step. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Set on an account given a one-time password (`npm run admin:create`): it may do nothing but change it. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * A resident's mobile number (they sign in with it): sealed (AES-256-GCM, platform
     * secret), masked for display, and found by its blind index (platform/phone.ts). The
     * number itself is in no column, the login name included.
     */
    phoneIndex: text('phone_index'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    uniqueIndex('users_phone_index_idx').on(t.phoneIndex),
    index('users_scope_idx').on(t.scopeRegionCode),
  ],
);

/** Server-side sessions. The id is sha256 of the cookie token, so a leaked table grants nothing. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Integration keys: stored as sha256 of the secret, scoped and revocable. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull().unique(),
  roles: text('roles').array().notNull(),
  scopeRegionCode: text('scope_region_code')
    .notNull()
    .references(() => regions.code),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});

/**
 * Failed sign-ins under names that are no account, counted like an account's (same
 * threshold, same lock), so the answers never tell whether a name exists. Keyed by an
 * HMAC of the name typed (under a key derived from the platform secret): what people type
 * there may be a phone number or even a password, and is not kept.
 */
export const loginFailures = pgTable('login_failures', {
  nameKey: text('name_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
