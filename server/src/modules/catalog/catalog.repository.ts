import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { units } from '../units/units.tables.js';
import { matters } from './catalog.tables.js';

export type MatterRow = typeof matters.$inferSelect;
export type NewMatterRow = typeof matters.$inferInsert;

const current = isNull(matters.validTo);

export const catalogRepository = {
  async insertMany(db: Executor, rows: NewMatterRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) await db.insert(matters).values(rows.slice(i, i + 100));
  },

  async insert(db: Executor, row: NewMatterRow): Promise<MatterRow> {
    const [saved] = await db.insert(matters).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  /** The catalog as it stands: one row per code (the catalog is public to every signed-in caller). */
  async currentAll(db: Executor): Promise<MatterRow[]> {
    return db.select().from(matters).where(current).orderBy(asc(matters.code));
  },

  async findCurrent(db: Executor, code: string): Promise<MatterRow | undefined> {
    const [row] = await db
      .select()
      .from(matters)
      .where(and(eq(matters.code, code), current));
    return row;
  },

  /** The current row, locked until the caller's transaction ends (one editor at a time). */
  async lockCurrent(db: Executor, code: string): Promise<MatterRow | undefined> {
    const [row] = await db
      .select()
      .from(matters)
      .where(and(eq(matters.code, code), current))
      .for('update');
    return row;
  },

  /** The version a case was opened under. */
  async findVersion(db: Executor, code: string, version: number): Promise<MatterRow | undefined> {
    const [row] = await db
      .select()
      .from(matters)
      .where(and(eq(matters.code, code), eq(matters.version, version)));
    return row;
  },

  async history(db: Executor, code: string): Promise<MatterRow[]> {
    return db.select().from(matters).where(eq(matters.code, code)).orderBy(asc(matters.version));
  },

  async closeCurrent(db: Executor, code: string, at: Date): Promise<void> {
    await db
      .update(matters)
      .set({ validTo: at })
      .where(and(eq(matters.code, code), current));
  },

  async count(db: Executor): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matters);
    return row?.n ?? 0;
  },

  /** The county's department codes ('urban' for unit `320281-urban`), for validating owners. */
  async departmentCodes(db: Executor): Promise<string[]> {
    const rows = await db
      .select({ code: units.code, regionCode: units.regionCode })
      .from(units)
      .where(eq(units.kind, 'department'));
    return rows.map((r) => r.code.slice(r.regionCode.length + 1));
  },
};
