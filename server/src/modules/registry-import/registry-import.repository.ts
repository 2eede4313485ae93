import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  registryImportHouseholds,
  registryImportRows,
  registryImports,
  registryMergeReviews,
} from './registry-import.tables.js';

export type ImportRow = typeof registryImports.$inferSelect;
export type MergeReviewRow = typeof registryMergeReviews.$inferSelect;

/** Rows per statement, well below PostgreSQL's 65 535 parameters. */
const SLICE = 1_000;

export const registryImportRepository = {
  async insertImport(db: Executor, row: typeof registryImports.$inferInsert): Promise<ImportRow> {
    const [saved] = await db.insert(registryImports).values(row).returning();
    if (!saved) throw new Error('import not inserted');
    return saved;
  },
  async importInScope(db: Executor, id: string, scopePath: string): Promise<ImportRow | undefined> {
    const [row] = await db
      .select()
      .from(registryImports)
      .where(and(eq(registryImports.id, id), withinScope(registryImports.path, scopePath)));
    return row;
  },
  /** Moves an import from one state to the next; undefined when it was not in `from` (someone else did). */
  async moveImport(
    db: Executor,
    id: string,
    from: ImportRow['state'],
    patch: Partial<typeof registryImports.$inferInsert>,
  ) {
    const [row] = await db
      .update(registryImports)
      .set(patch)
      .where(and(eq(registryImports.id, id), eq(registryImports.state, from)))
      .returning();
    return row;
  },
  async updateImport(db: Executor, id: string, patch: Partial<typeof registryImports.$inferInsert>): Promise<void> {
    await db.update(registryImports).set(patch).where(eq(registryImports.id, id));
  },
  /** The import the runner takes next: one left running (a restart resumes it) before the oldest queued. */
  async nextImportToRun(db: Executor): Promise<ImportRow | undefined> {
    const [row] = await db
      .select()
      .from(registryImports)
      .where(or(eq(registryImports.state, 'queued'), eq(registryImports.state, 'running')))
      .orderBy(sql`${registryImports.state} = 'running' DESC`, asc(registryImports.createdAt))
      .limit(1);
    return row;
  },
  async addToCounts(
    db: Executor,
    id: string,
    add: { done: number; stored: number; existing: number; clashes: number },
  ): Promise<void> {
    await db
      .update(registryImports)
      .set({
        done: sql`${registryImports.done} + ${add.done}`,
        stored: sql`${registryImports.stored} + ${add.stored}`,
        existing: sql`${registryImports.existing} + ${add.existing}`,
        clashes: sql`${registryImports.clashes} + ${add.clashes}`,
      })
      .where(eq(registryImports.id, id));
  },

  // ── what a file already did ──
  async recordedRows(db: Executor, fileSha256: string, rows: number[]): Promise<Set<number>> {
    if (rows.length === 0) return new Set();
    const found = await db
      .select({ row: registryImportRows.row })
      .from(registryImportRows)
      .where(and(eq(registryImportRows.fileSha256, fileSha256), inArray(registryImportRows.row, rows)));
    return new Set(found.map((r) => r.row));
  },
  /** Every row of a file already dealt with, by any import of it. */
  async recordedRowsOfFile(db: Executor, fileSha256: string): Promise<Set<number>> {
    const found = await db
      .select({ row: registryImportRows.row })
      .from(registryImportRows)
      .where(eq(registryImportRows.fileSha256, fileSha256));
    return new Set(found.map((r) => r.row));
  },
  async recordRows(db: Executor, rows: (typeof registryImportRows.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += SLICE) {
      await db
        .insert(registryImportRows)
        .values(rows.slice(i, i + SLICE))
        .onConflictDoNothing();
    }
  },
  async importedHouseholds(db: Executor, dwellingIds: string[]) {
    if (dwellingIds.length === 0) return [];
    return db.select().from(registryImportHouseholds).where(inArray(registryImportHouseholds.dwellingId, dwellingIds));
  },
  async recordHouseholds(db: Executor, rows: (typeof registryImportHouseholds.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += SLICE) {
      await db.insert(registryImportHouseholds).values(rows.slice(i, i + SLICE));
    }
  },

  // ── merge reviews ──
  async insertMergeReviews(db: Executor, rows: (typeof registryMergeReviews.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(registryMergeReviews).values(rows);
  },
  async mergeReviewsInScope(db: Executor, filter: { scopePath: string; state?: MergeReviewRow['state'] }) {
    return db
      .select()
      .from(registryMergeReviews)
      .where(
        and(
          withinScope(registryMergeReviews.path, filter.scopePath),
          filter.state ? eq(registryMergeReviews.state, filter.state) : undefined,
        ),
      )
      .orderBy(asc(registryMergeReviews.createdAt), asc(registryMergeReviews.row))
      .limit(500);
  },
  async lockMergeReview(db: Executor, id: string, scopePath: string): Promise<MergeReviewRow | undefined> {
    const [row] = await db
      .select()
      .from(registryMergeReviews)
      .where(and(eq(registryMergeReviews.id, id), withinScope(registryMergeReviews.path, scopePath)))
      .for('update');
    return row;
  },
  async decideMergeReview(db: Executor, id: string, patch: Partial<typeof registryMergeReviews.$inferInsert>) {
    const [row] = await db.update(registryMergeReviews).set(patch).where(eq(registryMergeReviews.id, id)).returning();
    return row;
  },
};
