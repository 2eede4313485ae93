import { and, asc, eq, inArray, isNotNull, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseReports, cases } from './cases.tables.js';

export type CaseReportRow = typeof caseReports.$inferSelect;
export type NewCaseReportRow = typeof caseReports.$inferInsert;

/** A case's reports (上报): one per report, several on a merged case. */
export const caseReportsRepository = {
  async insertReport(db: Executor, row: NewCaseReportRow): Promise<CaseReportRow> {
    const [saved] = await db.insert(caseReports).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  async setMediaUrl(db: Executor, reportId: string, mediaUrl: string): Promise<void> {
    await db.update(caseReports).set({ mediaUrl }).where(eq(caseReports.id, reportId));
  },

  async reportsOf(db: Executor, caseId: string): Promise<CaseReportRow[]> {
    return db
      .select()
      .from(caseReports)
      .where(eq(caseReports.caseId, caseId))
      .orderBy(asc(caseReports.createdAt), asc(caseReports.id));
  },

  /** The signed-in people who reported a case (merged reports too), first reporter first. */
  async reporterUserIdsOf(db: Executor, caseId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: caseReports.reporterUserId, first: min(caseReports.createdAt) })
      .from(caseReports)
      .where(and(eq(caseReports.caseId, caseId), isNotNull(caseReports.reporterUserId)))
      .groupBy(caseReports.reporterUserId)
      .orderBy(asc(min(caseReports.createdAt)));
    return rows.flatMap((r) => (r.userId === null ? [] : [r.userId]));
  },

  /** The first report of each case (who reported it first), for lists and exports. */
  async firstReportsOf(db: Executor, caseIds: readonly string[]): Promise<Map<string, CaseReportRow>> {
    const result = new Map<string, CaseReportRow>();
    for (let i = 0; i < caseIds.length; i += 1000) {
      const rows = await db
        .selectDistinctOn([caseReports.caseId])
        .from(caseReports)
        .where(inArray(caseReports.caseId, caseIds.slice(i, i + 1000)))
        .orderBy(caseReports.caseId, asc(caseReports.createdAt), asc(caseReports.id));
      for (const row of rows) result.set(row.caseId, row);
    }
    return result;
  },

  async findReport(db: Executor, caseId: string, reportId: string): Promise<CaseReportRow | undefined> {
    const [row] = await db
      .select()
      .from(caseReports)
      .where(and(eq(caseReports.caseId, caseId), eq(caseReports.id, reportId)));
    return row;
  },

  async findReportByExternalId(db: Executor, channel: string, externalId: string) {
    const [row] = await db
      .select({ report: caseReports, caseId: cases.id })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(sql`${caseReports.channel} = ${channel}`, eq(caseReports.externalId, externalId)));
    return row;
  },

  /** Moves every report of one case to another (a merge); answers how many moved. */
  async moveReports(db: Executor, fromCaseId: string, toCaseId: string): Promise<number> {
    const rows = await db
      .update(caseReports)
      .set({ caseId: toCaseId })
      .where(eq(caseReports.caseId, fromCaseId))
      .returning({ id: caseReports.id });
    return rows.length;
  },
};
