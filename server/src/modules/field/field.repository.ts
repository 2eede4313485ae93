import { OPEN_STATES } from '@yiwang/contracts';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { caseEvents, caseReports, cases } from '../cases/cases.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { grids } from '../grids/grids.tables.js';
import { photos } from '../photos/photos.tables.js';
import { gridPosts } from '../staffing/staffing.tables.js';
import { visits } from '../visits/visits.tables.js';

/** The worker's day and the desk's view of field activity: reads across cases, staffing and visits. */
export const fieldRepository = {
  /** Current grids in which the person holds a post (as A), with their outlines. */
  async gridsHeldBy(db: Executor, userId: string) {
    return db
      .selectDistinct({
        code: grids.code,
        name: grids.name,
        nameEn: grids.nameEn,
        path: grids.path,
        geometry: grids.geometry,
      })
      .from(gridPosts)
      .innerJoin(grids, and(eq(grids.code, gridPosts.gridCode), isNull(grids.validTo)))
      .where(eq(gridPosts.holderUserId, userId))
      .orderBy(asc(grids.code));
  },

  /** Matters of the cases someone reported since `since`, most reported first. */
  async mattersReportedBy(db: Executor, userId: string, since: Date, limit: number) {
    const n = count();
    return db
      .select({ code: cases.matterCode, count: n })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(eq(caseReports.reporterUserId, userId), gte(caseReports.createdAt, since)))
      .groupBy(cases.matterCode)
      .orderBy(desc(n), asc(cases.matterCode))
      .limit(limit);
  },

  /** What field staff report most across the county since `since` (counts only, nobody named). */
  async mattersReportedInField(db: Executor, since: Date, limit: number) {
    const n = count();
    return db
      .select({ code: cases.matterCode, count: n })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(eq(caseReports.channel, 'worker'), gte(caseReports.createdAt, since)))
      .groupBy(cases.matterCode)
      .orderBy(desc(n), asc(cases.matterCode))
      .limit(limit);
  },

  /** Current, reportable matters by code, with their names. */
  async currentMatterNames(db: Executor, codes: string[]) {
    if (codes.length === 0) return [];
    return db
      .select({ code: matters.code, name: matters.name, nameEn: matters.nameEn })
      .from(matters)
      .where(and(inArray(matters.code, codes), isNull(matters.validTo), eq(matters.active, true)));
  },

  /** The first current, reportable matters of the catalog (its order puts everyday street matters first). */
  async firstMatters(db: Executor, limit: number) {
    return db
      .select({ code: matters.code, name: matters.name, nameEn: matters.nameEn })
      .from(matters)
      .where(and(isNull(matters.validTo), eq(matters.active, true)))
      .orderBy(asc(matters.code))
      .limit(limit);
  },

  /** Open cases of a matter in a box, in scope, with the matter's name and the first photo's id. */
  async openCasesOfMatterIn(
    db: Executor,
    query: {
      matterCode: string;
      box: { minLon: number; minLat: number; maxLon: number; maxLat: number };
      scopePath: string;
    },
  ) {
    return db
      .select({
        code: cases.code,
        state: cases.state,
        lon: cases.lon,
        lat: cases.lat,
        description: cases.description,
        createdAt: cases.createdAt,
        supporterCount: cases.supporterCount,
        matterCode: cases.matterCode,
        matterName: matters.name,
        matterNameEn: matters.nameEn,
        photoId: sql<
          string | null
        >`(SELECT ${photos.id} FROM ${photos} WHERE ${photos.caseId} = ${cases.id} ORDER BY ${photos.createdAt} LIMIT 1)`,
      })
      .from(cases)
      .innerJoin(matters, and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion)))
      .where(
        and(
          eq(cases.matterCode, query.matterCode),
          inArray(cases.state, [...OPEN_STATES]),
          withinScope(cases.path, query.scopePath),
          gte(cases.lon, query.box.minLon),
          lte(cases.lon, query.box.maxLon),
          gte(cases.lat, query.box.minLat),
          lte(cases.lat, query.box.maxLat),
        ),
      )
      .limit(200);
  },

  // ── activity of a day in an area ───────────────────────────────────────────────

  /** Field reports (channel 'worker') per reporter, of cases under `areaPath`, in [from, to). */
  async reportsPerUser(db: Executor, areaPath: string, from: Date, to: Date) {
    return db
      .select({ userId: sql<string>`${caseReports.reporterUserId}`, n: count() })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(
        and(
          eq(caseReports.channel, 'worker'),
          isNotNull(caseReports.reporterUserId),
          gte(caseReports.createdAt, from),
          lt(caseReports.createdAt, to),
          withinScope(cases.path, areaPath),
        ),
      )
      .groupBy(caseReports.reporterUserId);
  },

  /** On-site verifications (passed or failed) per person, of cases under `areaPath`, in [from, to). */
  async verificationsPerUser(db: Executor, areaPath: string, from: Date, to: Date) {
    return db
      .select({ userId: sql<string>`${caseEvents.actorUserId}`, n: count() })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(
        and(
          inArray(caseEvents.type, ['verification_passed', 'verification_failed']),
          isNotNull(caseEvents.actorUserId),
          gte(caseEvents.at, from),
          lt(caseEvents.at, to),
          withinScope(cases.path, areaPath),
        ),
      )
      .groupBy(caseEvents.actorUserId);
  },

  /** Visits per person under `areaPath` in [from, to). */
  async visitsPerUser(db: Executor, areaPath: string, from: Date, to: Date) {
    return db
      .select({ userId: visits.userId, n: count() })
      .from(visits)
      .where(and(gte(visits.visitedAt, from), lt(visits.visitedAt, to), withinScope(visits.path, areaPath)))
      .groupBy(visits.userId);
  },

  /** Holders of the grid-worker posts of the grids under `areaPath`: listed even on a day without activity. */
  async gridWorkersUnder(db: Executor, areaPath: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ userId: gridPosts.holderUserId })
      .from(gridPosts)
      .innerJoin(grids, and(eq(grids.code, gridPosts.gridCode), isNull(grids.validTo)))
      .where(and(eq(gridPosts.role, 'grid_worker'), withinScope(grids.path, areaPath)));
    return rows.map((r) => r.userId);
  },

  async displayNames(db: Executor, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, userIds));
    return new Map(rows.map((r) => [r.id, r.displayName]));
  },
};
