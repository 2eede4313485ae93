import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  partyMemberPosts,
  partyMembers,
  partyOrganizations,
  partyServiceLogs,
  servicePosts,
} from './party-check-in.tables.js';

export type PartyOrganizationRow = typeof partyOrganizations.$inferSelect;
export type PartyMemberRow = typeof partyMembers.$inferSelect;
export type ServicePostRow = typeof servicePosts.$inferSelect;

export const partyCheckInRepository = {
  async insertOrganization(db: Executor, row: typeof partyOrganizations.$inferInsert): Promise<PartyOrganizationRow> {
    const [saved] = await db.insert(partyOrganizations).values(row).returning();
    if (!saved) throw new Error('organization insert returned no row');
    return saved;
  },
  async insertMember(db: Executor, row: typeof partyMembers.$inferInsert): Promise<PartyMemberRow> {
    const [saved] = await db.insert(partyMembers).values(row).returning();
    if (!saved) throw new Error('member insert returned no row');
    return saved;
  },
  async insertPost(db: Executor, row: typeof servicePosts.$inferInsert): Promise<ServicePostRow> {
    const [saved] = await db.insert(servicePosts).values(row).returning();
    if (!saved) throw new Error('post insert returned no row');
    return saved;
  },
  async organizationInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(partyOrganizations)
      .where(and(eq(partyOrganizations.id, id), withinScope(partyOrganizations.path, scopePath)));
    return row;
  },
  async memberInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(partyMembers)
      .where(and(eq(partyMembers.id, id), withinScope(partyMembers.path, scopePath)));
    return row;
  },
  /** A post within scope, locked (members take its places one at a time). */
  async lockPostInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(servicePosts)
      .where(and(eq(servicePosts.id, id), withinScope(servicePosts.path, scopePath)))
      .for('update');
    return row;
  },
  async choosePost(db: Executor, memberId: string, postId: string): Promise<boolean> {
    const rows = await db.insert(partyMemberPosts).values({ memberId, postId }).onConflictDoNothing().returning();
    return rows.length > 0;
  },
  async takenOf(db: Executor, postIds: string[]): Promise<Map<string, number>> {
    if (postIds.length === 0) return new Map();
    const rows = await db
      .select({ postId: partyMemberPosts.postId, n: sql<number>`count(*)::int` })
      .from(partyMemberPosts)
      .where(inArray(partyMemberPosts.postId, postIds))
      .groupBy(partyMemberPosts.postId);
    return new Map(rows.map((r) => [r.postId, r.n]));
  },
  async holdsPost(db: Executor, memberId: string, postId: string): Promise<boolean> {
    const rows = await db
      .select({ postId: partyMemberPosts.postId })
      .from(partyMemberPosts)
      .where(and(eq(partyMemberPosts.memberId, memberId), eq(partyMemberPosts.postId, postId)));
    return rows.length > 0;
  },
  async insertLog(db: Executor, row: typeof partyServiceLogs.$inferInsert) {
    const [saved] = await db.insert(partyServiceLogs).values(row).returning();
    if (!saved) throw new Error('log insert returned no row');
    return saved;
  },
  async overview(db: Executor, areaPath: string) {
    const [organizations, members, posts] = [
      await db
        .select()
        .from(partyOrganizations)
        .where(withinScope(partyOrganizations.path, areaPath))
        .orderBy(asc(partyOrganizations.name)),
      await db
        .select({ member: partyMembers, organizationName: partyOrganizations.name })
        .from(partyMembers)
        .leftJoin(partyOrganizations, eq(partyOrganizations.id, partyMembers.organizationId))
        .where(withinScope(partyMembers.path, areaPath))
        .orderBy(asc(partyMembers.name)),
      await db
        .select()
        .from(servicePosts)
        .where(withinScope(servicePosts.path, areaPath))
        .orderBy(asc(servicePosts.createdAt)),
    ];
    const memberIds = members.map((m) => m.member.id);
    const chosen = memberIds.length
      ? await db.select().from(partyMemberPosts).where(inArray(partyMemberPosts.memberId, memberIds))
      : [];
    return { organizations, members, posts, chosen };
  },
  /** Minutes logged per member between two China days (from inclusive, to exclusive). */
  async minutesBetween(db: Executor, memberIds: string[], from: string, to: string): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await db
      .select({ memberId: partyServiceLogs.memberId, total: sql<string>`sum(${partyServiceLogs.minutes})` })
      .from(partyServiceLogs)
      .where(
        and(
          inArray(partyServiceLogs.memberId, memberIds),
          gte(partyServiceLogs.servedOn, from),
          lt(partyServiceLogs.servedOn, to),
        ),
      )
      .groupBy(partyServiceLogs.memberId);
    return new Map(rows.map((r) => [r.memberId, Number(r.total)]));
  },
  /** A member's service logs in a range of China days, with each post's title. */
  async logsBetween(db: Executor, memberId: string, from: string, to: string) {
    return db
      .select({ log: partyServiceLogs, postTitle: servicePosts.title })
      .from(partyServiceLogs)
      .innerJoin(servicePosts, eq(servicePosts.id, partyServiceLogs.postId))
      .where(
        and(
          eq(partyServiceLogs.memberId, memberId),
          gte(partyServiceLogs.servedOn, from),
          lt(partyServiceLogs.servedOn, to),
        ),
      )
      .orderBy(asc(partyServiceLogs.servedOn));
  },
};
