import type { LocalizedText } from '@yiwang/contracts';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { regions } from './regions.tables.js';

export type RegionRow = typeof regions.$inferSelect;
export type NewRegion = typeof regions.$inferInsert;

// Written out in full: Drizzle leaves columns unqualified in single-table selects, which
// inside this subquery would bind to the alias c instead of the outer row.
const childCount = sql<number>`(SELECT count(*)::int FROM regions AS c WHERE c.parent_code = regions.code)`;
const withChildCount = {
  code: regions.code,
  name: regions.name,
  nameEn: regions.nameEn,
  level: regions.level,
  parentCode: regions.parentCode,
  path: regions.path,
  sortOrder: regions.sortOrder,
  childCount,
};

export const regionsRepository = {
  async count(db: Executor): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
    return row?.n ?? 0;
  },

  /** The top of the tree (regions without a parent): one county per install. */
  async roots(db: Executor): Promise<RegionRow[]> {
    return db.select().from(regions).where(isNull(regions.parentCode));
  },

  async insertMany(db: Executor, rows: NewRegion[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await db.insert(regions).values(rows.slice(i, i + 500));
  },

  async setGeometry(db: Executor, code: string, geometry: unknown): Promise<void> {
    await db.update(regions).set({ geometry }).where(eq(regions.code, code));
  },

  /** One region, only if inside the scope. */
  async findInScope(db: Executor, code: string, scopePath: string) {
    const [row] = await db
      .select(withChildCount)
      .from(regions)
      .where(and(eq(regions.code, code), withinScope(regions.path, scopePath)));
    return row;
  },

  /** Regions regardless of scope: only for resolving references (e.g. a scope root's path). */
  async findByCode(db: Executor, code: string): Promise<RegionRow | undefined> {
    const [row] = await db.select().from(regions).where(eq(regions.code, code));
    return row;
  },

  /** Which of these codes are regions (unscoped: for validating references). */
  async existingCodes(db: Executor, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
    return new Set(rows.map((r) => r.code));
  },

  /** Names of regions by code (unscoped: for naming a place in a message). */
  async namesByCode(db: Executor, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(inArray(regions.code, codes));
    return new Map(rows.map((r) => [r.code, r.name]));
  },

  /** Names in both languages, for text shown to people (routing explanations, rule lists). */
  async localizedNamesByCode(db: Executor, codes: readonly string[]): Promise<Map<string, LocalizedText>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: regions.code, name: regions.name, nameEn: regions.nameEn })
      .from(regions)
      .where(inArray(regions.code, [...codes]));
    return new Map(rows.map((r) => [r.code, { 'zh-CN': r.name, 'en-US': r.nameEn }]));
  },

  async childrenInScope(db: Executor, parentCode: string, scopePath: string) {
    return db
      .select(withChildCount)
      .from(regions)
      .where(and(eq(regions.parentCode, parentCode), withinScope(regions.path, scopePath)))
      .orderBy(asc(regions.sortOrder), asc(regions.code));
  },

  /** The ancestors on a path, root first (for breadcrumbs); only those inside the scope. */
  /** Regions of one level in scope, by path (e.g. the communities a resident may name). */
  async ofLevelInScope(db: Executor, level: 'county' | 'town' | 'community', scopePath: string): Promise<RegionRow[]> {
    return db
      .select()
      .from(regions)
      .where(and(eq(regions.level, level), withinScope(regions.path, scopePath)))
      .orderBy(asc(regions.path))
      .limit(5000);
  },

  async byCodesInScope(db: Executor, codes: string[], scopePath: string) {
    if (codes.length === 0) return [];
    return db
      .select(withChildCount)
      .from(regions)
      .where(and(inArray(regions.code, codes), withinScope(regions.path, scopePath)))
      .orderBy(asc(regions.path));
  },

  async searchInScope(db: Executor, query: string, scopePath: string, limit: number) {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return db
      .select(withChildCount)
      .from(regions)
      .where(
        and(
          withinScope(regions.path, scopePath),
          sql`(${regions.name} LIKE ${like} OR ${regions.nameEn} ILIKE ${like} OR ${regions.code} LIKE ${like})`,
        ),
      )
      .orderBy(asc(regions.path))
      .limit(limit);
  },
};
