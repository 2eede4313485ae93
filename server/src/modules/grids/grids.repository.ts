import { and, asc, count, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { regions } from '../regions/regions.tables.js';
import { gridMapState, grids } from './grids.tables.js';

export type GridRow = typeof grids.$inferSelect;
export type NewGrid = typeof grids.$inferInsert;

/** Grid columns without the (large) geometry. */
export const gridSummaryColumns = {
  id: grids.id,
  code: grids.code,
  name: grids.name,
  nameEn: grids.nameEn,
  level: grids.level,
  parentCode: grids.parentCode,
  regionCode: grids.regionCode,
  path: grids.path,
  minLon: grids.minLon,
  minLat: grids.minLat,
  maxLon: grids.maxLon,
  maxLat: grids.maxLat,
  areaSquareMeters: grids.areaSquareMeters,
  households: grids.households,
  people: grids.people,
  version: grids.version,
  validFrom: grids.validFrom,
  validTo: grids.validTo,
};
export type GridSummary = Pick<GridRow, keyof typeof gridSummaryColumns>;

export interface GridFilter {
  level?: number | undefined;
  parentCode?: string | undefined;
  regionCode?: string | undefined;
  q?: string | undefined;
}

const current = isNull(grids.validTo);
/** The version of a grid that was in force at `at`. */
const validAt = (at: Date) => and(lte(grids.validFrom, at), or(isNull(grids.validTo), gt(grids.validTo, at))) as SQL;

function filterConditions(filter: GridFilter, scopePath: string): SQL[] {
  const conditions: SQL[] = [current, withinScope(grids.path, scopePath)];
  if (filter.level) conditions.push(eq(grids.level, filter.level));
  if (filter.parentCode) conditions.push(eq(grids.parentCode, filter.parentCode));
  if (filter.regionCode) conditions.push(eq(grids.regionCode, filter.regionCode));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(sql`${grids.name} LIKE ${like}`, sql`${grids.nameEn} ILIKE ${like}`, sql`${grids.code} LIKE ${like}`) as SQL,
    );
  }
  return conditions;
}

export const gridsRepository = {
  async mapVersion(db: Executor): Promise<number> {
    const [row] = await db.select({ version: gridMapState.version }).from(gridMapState).where(eq(gridMapState.id, 1));
    return row?.version ?? 0;
  },

  /** Marks the grid map changed; call in the transaction that changes it. */
  async bumpMapVersion(db: Executor, at: Date): Promise<void> {
    await db
      .update(gridMapState)
      .set({ version: sql`${gridMapState.version} + 1`, changedAt: at })
      .where(eq(gridMapState.id, 1));
  },

  async insertMany(db: Executor, rows: NewGrid[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await db.insert(grids).values(rows.slice(i, i + 200));
  },

  async countCurrent(db: Executor): Promise<number> {
    const [row] = await db.select({ n: count() }).from(grids).where(current);
    return row?.n ?? 0;
  },

  async listCurrentInScope(
    db: Executor,
    filter: GridFilter,
    scopePath: string,
    page: { limit: number; offset: number },
  ) {
    const where = and(...filterConditions(filter, scopePath));
    const [items, [total]] = await Promise.all([
      db
        .select(gridSummaryColumns)
        .from(grids)
        .where(where)
        .orderBy(asc(grids.code))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(grids).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /** Current grids with geometry, for the map and exports. */
  async currentWithGeometryInScope(db: Executor, filter: GridFilter, scopePath: string): Promise<GridRow[]> {
    return db
      .select()
      .from(grids)
      .where(and(...filterConditions(filter, scopePath)))
      .orderBy(asc(grids.code));
  },

  async findCurrentInScope(db: Executor, code: string, scopePath: string): Promise<GridRow | undefined> {
    const [row] = await db
      .select()
      .from(grids)
      .where(and(eq(grids.code, code), current, withinScope(grids.path, scopePath)));
    return row;
  },

  /** Unscoped, for validating references (imports, parents). */
  async findCurrentByCodes(db: Executor, codes: string[]): Promise<GridRow[]> {
    if (codes.length === 0) return [];
    return db
      .select()
      .from(grids)
      .where(and(inArray(grids.code, codes), current));
  },

  async findCurrentByCodesInScope(db: Executor, codes: string[], scopePath: string): Promise<GridRow[]> {
    if (codes.length === 0) return [];
    return db
      .select()
      .from(grids)
      .where(and(inArray(grids.code, codes), current, withinScope(grids.path, scopePath)));
  },

  /** The versions of these grids that were valid at `at`, within scope. */
  async versionsAtInScope(db: Executor, codes: string[], at: Date, scopePath: string): Promise<GridRow[]> {
    if (codes.length === 0) return [];
    return db
      .select()
      .from(grids)
      .where(and(inArray(grids.code, codes), validAt(at), withinScope(grids.path, scopePath)));
  },

  async countCurrentChildren(db: Executor, parentCode: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(grids)
      .where(and(eq(grids.parentCode, parentCode), current));
    return row?.n ?? 0;
  },

  async currentChildren(db: Executor, parentCode: string): Promise<GridRow[]> {
    return db
      .select()
      .from(grids)
      .where(and(eq(grids.parentCode, parentCode), current))
      .orderBy(asc(grids.code));
  },

  /** Unscoped, for imports: the current children of all these grids. */
  async currentChildrenOfMany(db: Executor, parentCodes: string[]): Promise<GridRow[]> {
    if (parentCodes.length === 0) return [];
    return db
      .select()
      .from(grids)
      .where(and(inArray(grids.parentCode, parentCodes), current));
  },

  /** Unscoped, for imports: every current grid of a level. */
  async currentOfLevel(db: Executor, level: number): Promise<GridRow[]> {
    return db
      .select()
      .from(grids)
      .where(and(eq(grids.level, level), current));
  },

  async currentSummariesOfLevel(db: Executor, level: number): Promise<GridSummary[]> {
    return db
      .select(gridSummaryColumns)
      .from(grids)
      .where(and(eq(grids.level, level), current));
  },

  /** Everything the in-memory index needs: every current grid of every level. */
  async currentForIndex(db: Executor) {
    return db
      .select({
        code: grids.code,
        name: grids.name,
        nameEn: grids.nameEn,
        level: grids.level,
        parentCode: grids.parentCode,
        regionCode: grids.regionCode,
        path: grids.path,
        geometry: grids.geometry,
      })
      .from(grids)
      .where(current);
  },

  /** Grid versions of a level valid at `at` whose box holds the point (exact test is the caller's). */
  async candidatesAt(db: Executor, lon: number, lat: number, at: Date, level: number): Promise<GridRow[]> {
    return db
      .select()
      .from(grids)
      .where(
        and(
          eq(grids.level, level),
          validAt(at),
          lte(grids.minLon, lon),
          sql`${grids.maxLon} >= ${lon}`,
          lte(grids.minLat, lat),
          sql`${grids.maxLat} >= ${lat}`,
        ),
      );
  },

  async history(db: Executor, code: string): Promise<GridSummary[]> {
    return db.select(gridSummaryColumns).from(grids).where(eq(grids.code, code)).orderBy(asc(grids.validFrom));
  },

  async closeCurrent(db: Executor, code: string, at: Date): Promise<void> {
    await db
      .update(grids)
      .set({ validTo: at })
      .where(and(eq(grids.code, code), current));
  },

  async regionPaths(db: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: regions.code, path: regions.path })
      .from(regions)
      .where(inArray(regions.code, codes));
    return new Map(rows.map((r) => [r.code, r.path]));
  },
};
