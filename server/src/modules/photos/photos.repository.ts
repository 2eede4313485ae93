import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { photos } from './photos.tables.js';

export type PhotoRow = typeof photos.$inferSelect;
export type NewPhoto = typeof photos.$inferInsert;

export const photosRepository = {
  /** A photo by id, unscoped: the use case decides whether the caller may read it (through its case). */
  async findById(db: Executor, id: string): Promise<PhotoRow | undefined> {
    const [row] = await db.select().from(photos).where(eq(photos.id, id));
    return row;
  },

  /** The same bytes uploaded earlier by the same person in the same scope and not yet attached (a retry). */
  async findUnattachedUpload(
    db: Executor,
    upload: { uploadedBy: string; scopePath: string; sha256: string },
  ): Promise<PhotoRow | undefined> {
    const [row] = await db
      .select()
      .from(photos)
      .where(
        and(
          eq(photos.uploadedBy, upload.uploadedBy),
          eq(photos.scopePath, upload.scopePath),
          eq(photos.sha256, upload.sha256),
          isNull(photos.caseId),
        ),
      );
    return row;
  },

  /** Inserts, or answers undefined when a concurrent retry of the same upload won the unique index. */
  async insert(db: Executor, photo: NewPhoto): Promise<PhotoRow | undefined> {
    const [row] = await db.insert(photos).values(photo).onConflictDoNothing().returning();
    return row;
  },

  /** Those of `ids` within scope, with their case, locked until the caller's transaction ends. */
  async lockInScope(db: Executor, ids: readonly string[], scopePath: string) {
    if (ids.length === 0) return [];
    return db
      .select({ id: photos.id, caseId: photos.caseId })
      .from(photos)
      .where(and(inArray(photos.id, [...ids]), withinScope(photos.scopePath, scopePath)))
      .for('update');
  },

  async attachToCase(db: Executor, ids: readonly string[], caseId: string, casePath?: string): Promise<void> {
    if (ids.length === 0) return;
    await db
      .update(photos)
      .set(casePath === undefined ? { caseId } : { caseId, scopePath: casePath })
      .where(and(inArray(photos.id, [...ids]), or(isNull(photos.caseId), eq(photos.caseId, caseId))));
  },

  async listForCase(db: Executor, caseId: string, scopePath: string): Promise<PhotoRow[]> {
    return db
      .select()
      .from(photos)
      .where(and(eq(photos.caseId, caseId), withinScope(photos.scopePath, scopePath)))
      .orderBy(asc(photos.createdAt), asc(photos.id));
  },
};
