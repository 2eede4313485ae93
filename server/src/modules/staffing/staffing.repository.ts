import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { grids } from '../grids/grids.tables.js';
import { absences, gridPosts } from './staffing.tables.js';

export type GridPostRow = typeof gridPosts.$inferSelect;
export type NewGridPost = typeof gridPosts.$inferInsert;
export type AbsenceRow = typeof absences.$inferSelect;

const holder = sql`holder`;
const backup = sql`backup`;

export const staffingRepository = {
  async insertPosts(db: Executor, rows: NewGridPost[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await db.insert(gridPosts).values(rows.slice(i, i + 500));
  },

  /** Posts of grids in scope, with holder and backup names. */
  async postsInScope(db: Executor, scopePath: string, filter: { gridCodes?: string[]; role?: string } = {}) {
    const conditions = [isNull(grids.validTo), withinScope(grids.path, scopePath)];
    if (filter.gridCodes) conditions.push(inArray(gridPosts.gridCode, filter.gridCodes));
    if (filter.role) conditions.push(eq(gridPosts.role, filter.role as GridPostRow['role']));
    return db
      .select({
        post: gridPosts,
        gridName: grids.name,
        gridNameEn: grids.nameEn,
        holderName: sql<string>`${holder}.display_name`,
        holderUsername: sql<string>`${holder}.username`,
        backupName: sql<string>`${backup}.display_name`,
        backupUsername: sql<string>`${backup}.username`,
      })
      .from(gridPosts)
      .innerJoin(grids, eq(grids.code, gridPosts.gridCode))
      .innerJoin(sql`${users} AS holder`, sql`holder.id = ${gridPosts.holderUserId}`)
      .innerJoin(sql`${users} AS backup`, sql`backup.id = ${gridPosts.backupUserId}`)
      .where(and(...conditions))
      .orderBy(asc(gridPosts.gridCode), asc(gridPosts.role));
  },

  async upsertPost(db: Executor, row: NewGridPost): Promise<GridPostRow> {
    const [saved] = await db
      .insert(gridPosts)
      .values(row)
      .onConflictDoUpdate({
        target: [gridPosts.gridCode, gridPosts.role],
        set: { holderUserId: row.holderUserId, backupUserId: row.backupUserId, updatedAt: new Date() },
      })
      .returning();
    if (!saved) throw new Error('upsert returned no row');
    return saved;
  },

  /** Absences overlapping [from, to) of the given people (all people when omitted). */
  async absencesOverlapping(db: Executor, from: Date, to: Date, userIds?: string[]): Promise<AbsenceRow[]> {
    const conditions = [isNull(absences.cancelledAt), lte(absences.startsAt, to), gt(absences.endsAt, from)];
    if (userIds) {
      if (userIds.length === 0) return [];
      conditions.push(inArray(absences.userId, userIds));
    }
    return db
      .select()
      .from(absences)
      .where(and(...conditions))
      .orderBy(asc(absences.startsAt));
  },

  async insertAbsence(db: Executor, row: typeof absences.$inferInsert): Promise<AbsenceRow> {
    const [saved] = await db.insert(absences).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  async findAbsence(db: Executor, id: string): Promise<AbsenceRow | undefined> {
    const [row] = await db.select().from(absences).where(eq(absences.id, id));
    return row;
  },

  async cancelAbsence(db: Executor, id: string, at: Date): Promise<void> {
    await db.update(absences).set({ cancelledAt: at }).where(eq(absences.id, id));
  },

  /** Absences of people whose own scope lies in the caller's scope. */
  async absencesInScope(db: Executor, scopePath: string, from: Date, to: Date) {
    return db
      .select({ absence: absences, userName: users.displayName, username: users.username })
      .from(absences)
      .innerJoin(users, eq(users.id, absences.userId))
      .innerJoin(sql`regions AS scope_region`, sql`scope_region.code = ${users.scopeRegionCode}`)
      .where(
        and(
          isNull(absences.cancelledAt),
          lte(absences.startsAt, to),
          gt(absences.endsAt, from),
          withinScope(sql`scope_region.path`, scopePath),
        ),
      )
      .orderBy(asc(absences.startsAt));
  },

  /** Grid-team posts by id (their A/B holders): what dispatch rules name. */
  async postsByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        id: gridPosts.id,
        gridCode: gridPosts.gridCode,
        role: gridPosts.role,
        holderUserId: gridPosts.holderUserId,
        backupUserId: gridPosts.backupUserId,
      })
      .from(gridPosts)
      .where(inArray(gridPosts.id, [...ids]));
  },
};
