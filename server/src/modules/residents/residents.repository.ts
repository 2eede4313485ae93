import { and, asc, count, countDistinct, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { caseReports, cases } from '../cases/cases.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { regions } from '../regions/regions.tables.js';

export type FollowedCaseRow = typeof cases.$inferSelect;

/**
 * Queries of the resident portal. Residents only ever reach cases through a report of
 * their own (my reports) or a report's follow key (the public view); both are here.
 */
export const residentsRepository = {
  /** The county at the root of the region tree: a self-registered resident's scope. */
  async countyRegion(db: Executor) {
    const rows = await db
      .select({ code: regions.code, path: regions.path })
      .from(regions)
      .where(and(isNull(regions.parentCode), eq(regions.level, 'county')))
      .limit(2);
    // Several roots would make "the county" ambiguous; the platform serves one county.
    return rows.length === 1 ? rows[0] : undefined;
  },

  /** A case by its code, unscoped: callers must gate it (follow key). */
  async caseByCode(db: Executor, code: string): Promise<FollowedCaseRow | undefined> {
    const [row] = await db.select().from(cases).where(eq(cases.code, code));
    return row;
  },

  async caseById(db: Executor, id: string): Promise<FollowedCaseRow | undefined> {
    const [row] = await db.select().from(cases).where(eq(cases.id, id));
    return row;
  },

  /** Whether one of the case's reports carries this follow key. */
  async caseHasFollowKey(db: Executor, caseId: string, followKey: string): Promise<boolean> {
    const [row] = await db
      .select({ n: count() })
      .from(caseReports)
      .where(and(eq(caseReports.caseId, caseId), eq(caseReports.followKey, followKey)));
    return (row?.n ?? 0) > 0;
  },

  async matterNames(db: Executor, code: string, version: number) {
    const [row] = await db
      .select({ name: matters.name, nameEn: matters.nameEn })
      .from(matters)
      .where(and(eq(matters.code, code), eq(matters.version, version)));
    return row;
  },

  /**
   * The cases a resident reported (or whose report was merged into them, 并单), newest
   * report first, each once, with the resident's first report on it; within the caller's
   * scope like every scoped read.
   */
  async myReports(db: Executor, userId: string, scopePath: string, page: { limit: number; offset: number }) {
    const where = and(eq(caseReports.reporterUserId, userId), withinScope(cases.path, scopePath));
    const firstOfMine = db
      .selectDistinctOn([caseReports.caseId], {
        caseId: caseReports.caseId,
        description: sql<string>`${caseReports.description}`.as('my_description'),
        anonymous: sql<boolean>`${caseReports.anonymous}`.mapWith(caseReports.anonymous).as('my_anonymous'),
        followKey: sql<string | null>`${caseReports.followKey}`.as('my_follow_key'),
        reportedAt: sql<Date>`${caseReports.createdAt}`.mapWith(caseReports.createdAt).as('my_reported_at'),
      })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(where)
      .orderBy(caseReports.caseId, asc(caseReports.createdAt), asc(caseReports.id))
      .as('mine');
    const [items, [total]] = await Promise.all([
      db
        .select({
          case: cases,
          matterName: matters.name,
          matterNameEn: matters.nameEn,
          description: firstOfMine.description,
          anonymous: firstOfMine.anonymous,
          followKey: firstOfMine.followKey,
          reportedAt: firstOfMine.reportedAt,
        })
        .from(firstOfMine)
        .innerJoin(cases, eq(cases.id, firstOfMine.caseId))
        .innerJoin(matters, and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion)))
        .orderBy(desc(firstOfMine.reportedAt), desc(cases.code))
        .limit(page.limit)
        .offset(page.offset),
      db
        .select({ n: countDistinct(caseReports.caseId) })
        .from(caseReports)
        .innerJoin(cases, eq(cases.id, caseReports.caseId))
        .where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
};
