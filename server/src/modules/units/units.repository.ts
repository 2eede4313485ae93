import { and, asc, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { regions } from '../regions/regions.tables.js';
import { units } from './units.tables.js';

export type UnitRow = typeof units.$inferSelect;
export type NewUnit = typeof units.$inferInsert;

const unitView = {
  id: units.id,
  code: units.code,
  name: units.name,
  kind: units.kind,
  regionCode: units.regionCode,
  regionName: regions.name,
  createdAt: units.createdAt,
};

export const unitsRepository = {
  async findInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select(unitView)
      .from(units)
      .innerJoin(regions, eq(regions.code, units.regionCode))
      .where(and(eq(units.id, id), withinScope(regions.path, scopePath)));
    return row;
  },

  /** Unscoped: only for a reference the caller already holds (e.g. their own unit). */
  async findById(db: Executor, id: string): Promise<UnitRow | undefined> {
    const [row] = await db.select().from(units).where(eq(units.id, id));
    return row;
  },

  async findByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
    const [row] = await db.select().from(units).where(eq(units.code, code));
    return row;
  },

  async listInScope(
    db: Executor,
    scopePath: string,
    filter: { kind?: string | undefined; q?: string | undefined; includeAbove?: boolean | undefined },
    page: { limit: number; offset: number },
  ) {
    const conditions: SQL[] = [
      filter.includeAbove
        ? (or(withinScope(regions.path, scopePath), sql`${scopePath} LIKE ${regions.path} || '/%'`) as SQL)
        : withinScope(regions.path, scopePath),
    ];
    if (filter.kind) conditions.push(eq(units.kind, filter.kind as UnitRow['kind']));
    if (filter.q) conditions.push(sql`${units.name} LIKE ${`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    const where = and(...conditions);
    const [items, [total]] = await Promise.all([
      db
        .select(unitView)
        .from(units)
        .innerJoin(regions, eq(regions.code, units.regionCode))
        .where(where)
        .orderBy(asc(regions.path), asc(units.kind), asc(units.code))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(units).innerJoin(regions, eq(regions.code, units.regionCode)).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  async insert(db: Executor, unit: NewUnit): Promise<UnitRow> {
    const [row] = await db.insert(units).values(unit).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  async insertMany(db: Executor, rows: NewUnit[]): Promise<UnitRow[]> {
    return rows.length ? db.insert(units).values(rows).returning() : [];
  },

  async update(db: Executor, id: string, patch: Partial<NewUnit>): Promise<void> {
    await db
      .update(units)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(units.id, id));
  },

  /** Command centers and workstations of these regions. */
  async commandUnitsOfRegions(db: Executor, regionCodes: readonly string[]) {
    if (regionCodes.length === 0) return [];
    return db
      .select({ id: units.id, code: units.code, name: units.name, regionCode: units.regionCode, kind: units.kind })
      .from(units)
      .where(and(inArray(units.regionCode, [...regionCodes]), inArray(units.kind, ['command_center', 'workstation'])));
  },

  async unitRefs(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .where(inArray(units.id, [...ids]));
  },
};
