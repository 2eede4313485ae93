import { and, asc, count, eq, gt, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
import { apiKeys, loginFailures, sessions, users } from './accounts.tables.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

const userView = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  roles: users.roles,
  scopeRegionCode: users.scopeRegionCode,
  scopeRegionName: regions.name,
  unitId: users.unitId,
  unitName: units.name,
  locale: users.locale,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  totpEnabled: users.totpEnabled,
  phoneMasked: users.phoneMasked,
  createdAt: users.createdAt,
};

export const accountsRepository = {
  // ---- users -------------------------------------------------------------

  async findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
    return row;
  },

  /** The account whose phone has this blind index (a resident signing in with their number). */
  async findUserByPhoneIndex(db: Executor, phoneIndex: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.phoneIndex, phoneIndex));
    return row;
  },

  /** Residents created before phones were sealed: their login name is still the number. */
  async residentsWithPlainPhones(db: Executor, mobilePattern: string): Promise<UserRow[]> {
    return db
      .select()
      .from(users)
      .where(
        and(sql`'resident' = ANY(${users.roles})`, isNull(users.phoneIndex), sql`${users.username} ~ ${mobilePattern}`),
      );
  },

  async hasAnyUser(db: Executor): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).limit(1);
    return row !== undefined;
  },

  async findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  },

  /** A user whose own scope lies inside the caller's scope (the caller may see and manage them). */
  async findUserInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select(userView)
      .from(users)
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .leftJoin(units, eq(units.id, users.unitId))
      .where(and(eq(users.id, id), withinScope(regions.path, scopePath)));
    return row;
  },

  /** The sealed phone of a user in the caller's scope (undefined: no such user there; null: no phone). */
  async sealedPhoneInScope(db: Executor, id: string, scopePath: string): Promise<string | null | undefined> {
    const [row] = await db
      .select({ phoneSealed: users.phoneSealed })
      .from(users)
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .where(and(eq(users.id, id), withinScope(regions.path, scopePath)));
    return row ? row.phoneSealed : undefined;
  },

  async listUsersInScope(
    db: Executor,
    scopePath: string,
    /** `phoneIndex`: the blind index of `q` when it is a mobile number, to find a resident by it. */
    filter: { q?: string | undefined; role?: string | undefined; phoneIndex?: string | undefined },
    page: { limit: number; offset: number },
  ) {
    const conditions: SQL[] = [withinScope(regions.path, scopePath)];
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          sql`${users.username} ILIKE ${like}`,
          sql`${users.displayName} ILIKE ${like}`,
          filter.phoneIndex ? eq(users.phoneIndex, filter.phoneIndex) : undefined,
        ) as SQL,
      );
    }
    if (filter.role) conditions.push(sql`${filter.role} = ANY(${users.roles})`);
    const where = and(...conditions);
    const [items, [total]] = await Promise.all([
      db
        .select(userView)
        .from(users)
        .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
        .leftJoin(units, eq(units.id, users.unitId))
        .where(where)
        .orderBy(asc(regions.path), asc(users.username))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(users).innerJoin(regions, eq(regions.code, users.scopeRegionCode)).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  async insertUser(db: Executor, user: NewUser): Promise<UserRow> {
    const [row] = await db.insert(users).values(user).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  /** Bulk insert (demo and imports), in batches small enough for one statement each. */
  async insertUsers(db: Executor, rows: NewUser[]): Promise<{ id: string; username: string }[]> {
    const result: { id: string; username: string }[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      result.push(
        ...(await db
          .insert(users)
          .values(rows.slice(i, i + 500))
          .returning({ id: users.id, username: users.username })),
      );
    }
    return result;
  },

  async updateUser(db: Executor, id: string, patch: Partial<NewUser>): Promise<void> {
    await db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id));
  },

  /** Counts a wrong password; returns the new count. Atomic so parallel attempts all count. */
  async recordFailedLogin(db: Executor, id: string, maxFailures: number, lockUntil: Date): Promise<number> {
    const [row] = await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
      })
      .where(eq(users.id, id))
      .returning({ failedLogins: users.failedLogins });
    return row?.failedLogins ?? maxFailures;
  },

  /**
   * Takes TOTP time step `step` for the user if it is later than the last one accepted;
   * false when it is not (the code was used already). One statement, so two sign-ins
   * racing with the same code cannot both win.
   */
  async claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
    const rows = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return rows.length > 0;
  },

  /** Until when sign-ins under an unknown name are locked (null: not locked). */
  async unknownNameLockedUntil(db: Executor, nameKey: string): Promise<Date | null> {
    const [row] = await db
      .select({ lockedUntil: loginFailures.lockedUntil })
      .from(loginFailures)
      .where(eq(loginFailures.nameKey, nameKey));
    return row?.lockedUntil ?? null;
  },

  /**
   * Counts a failed sign-in under an unknown name exactly as recordFailedLogin counts an
   * account's (a lock that has run out starts the count afresh); answers the failures so far.
   */
  async recordUnknownNameFailure(
    db: Executor,
    nameKey: string,
    maxFailures: number,
    lockUntil: Date,
    now: Date,
  ): Promise<number> {
    const expired = sql`${loginFailures.lockedUntil} IS NOT NULL AND ${loginFailures.lockedUntil} <= ${now.toISOString()}::timestamptz`;
    const next = sql`CASE WHEN ${expired} THEN 1 ELSE ${loginFailures.failures} + 1 END`;
    const [row] = await db
      .insert(loginFailures)
      .values({
        nameKey,
        failures: 1,
        lockedUntil: maxFailures <= 1 ? lockUntil : null,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: loginFailures.nameKey,
        set: {
          failures: next,
          lockedUntil: sql`CASE WHEN ${next} >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz WHEN ${expired} THEN NULL ELSE ${loginFailures.lockedUntil} END`,
          updatedAt: now,
        },
      })
      .returning({ failures: loginFailures.failures });
    return row?.failures ?? maxFailures;
  },

  /** Forgets unknown-name failures not touched since `before` (their locks ran out long ago). */
  async pruneUnknownNameFailures(db: Executor, before: Date): Promise<number> {
    const rows = await db
      .delete(loginFailures)
      .where(lt(loginFailures.updatedAt, before))
      .returning({ nameKey: loginFailures.nameKey });
    return rows.length;
  },

  async resetFailedLogins(db: Executor, id: string): Promise<void> {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
  },

  // ---- sessions ----------------------------------------------------------

  async insertSession(db: Executor, session: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(session);
  },

  /** The session with its user, whether live or not (the caller checks its times: live-sessions.ts). */
  async findSessionWithUser(db: Executor, id: string) {
    const [row] = await db
      .select({ session: sessions, user: users, scopePath: regions.path })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .where(eq(sessions.id, id));
    return row;
  },

  /** The session with its user, if neither idle-expired nor past its absolute end. */
  async findLiveSession(db: Executor, id: string, idleSince: Date, now: Date) {
    const [row] = await db
      .select({ session: sessions, user: users, scopePath: regions.path })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .where(and(eq(sessions.id, id), gt(sessions.lastSeenAt, idleSince), gt(sessions.expiresAt, now)));
    return row;
  },

  async touchSession(db: Executor, id: string, now: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  },

  async deleteSession(db: Executor, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  },

  async deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  },

  async deleteOtherSessionsOfUser(db: Executor, userId: string, keepSessionId: string): Promise<void> {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  },

  async deleteExpiredSessions(db: Executor, idleSince: Date, now: Date): Promise<void> {
    await db.delete(sessions).where(or(lt(sessions.lastSeenAt, idleSince), lt(sessions.expiresAt, now)));
  },

  // ---- API keys ----------------------------------------------------------

  async insertApiKey(db: Executor, key: typeof apiKeys.$inferInsert) {
    const [row] = await db.insert(apiKeys).values(key).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  async findActiveApiKeyByHash(db: Executor, secretHash: string) {
    const [row] = await db
      .select({ key: apiKeys, scopePath: regions.path })
      .from(apiKeys)
      .innerJoin(regions, eq(regions.code, apiKeys.scopeRegionCode))
      .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)));
    return row;
  },

  async touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
  },

  async listApiKeysInScope(db: Executor, scopePath: string) {
    return db
      .select({ key: apiKeys })
      .from(apiKeys)
      .innerJoin(regions, eq(regions.code, apiKeys.scopeRegionCode))
      .where(withinScope(regions.path, scopePath))
      .orderBy(asc(apiKeys.createdAt));
  },

  async findApiKeyInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select({ key: apiKeys })
      .from(apiKeys)
      .innerJoin(regions, eq(regions.code, apiKeys.scopeRegionCode))
      .where(and(eq(apiKeys.id, id), withinScope(regions.path, scopePath)));
    return row?.key;
  },

  async revokeApiKey(db: Executor, id: string, now: Date): Promise<void> {
    await db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
  },
};
