import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { cases } from '../cases/cases.tables.js';
import { grids } from '../grids/grids.tables.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
import { inspectionDrawPairs, inspectionDraws, inspectionFindings, inspectors } from './assessment.tables.js';
import type { DrawTarget } from './domain/random-draw.js';

export type InspectionDrawRow = typeof inspectionDraws.$inferSelect;
export type InspectionDrawPairRow = typeof inspectionDrawPairs.$inferSelect;
export type InspectionFindingRow = typeof inspectionFindings.$inferSelect;

/** Queries of the 双随机 random inspections: the inspector registry, targets, draws and findings. */
export const inspectionDrawsRepository = {
  /** A staff account (not a resident, not disabled) whose home area lies in the scope. */
  async staffInScope(db: Executor, userId: string, scopePath: string) {
    const [row] = await db
      .select({ id: users.id, displayName: users.displayName, roles: users.roles })
      .from(users)
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .where(and(eq(users.id, userId), eq(users.disabled, false), withinScope(regions.path, scopePath)));
    return row && !(row.roles.length === 1 && row.roles[0] === 'resident') ? row : undefined;
  },

  async enroll(db: Executor, userId: string, enrolledBy: string | null): Promise<void> {
    await db
      .insert(inspectors)
      .values({ userId, enrolledBy })
      .onConflictDoUpdate({
        target: inspectors.userId,
        set: { enrolledBy, enrolledAt: sql`now()`, withdrawnAt: null },
      });
  },

  async withdraw(db: Executor, userId: string): Promise<boolean> {
    const rows = await db
      .update(inspectors)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(inspectors.userId, userId), isNull(inspectors.withdrawnAt)))
      .returning({ userId: inspectors.userId });
    return rows.length > 0;
  },

  /** Enrolled inspectors whose home area lies in the scope, with the area and unit read from their account now. */
  async inspectorsInScope(db: Executor, scopePath: string) {
    return db
      .select({
        userId: users.id,
        displayName: users.displayName,
        areaPath: regions.path,
        areaName: regions.name,
        unitId: users.unitId,
        unitName: units.name,
        enrolledAt: inspectors.enrolledAt,
      })
      .from(inspectors)
      .innerJoin(users, eq(users.id, inspectors.userId))
      .innerJoin(regions, eq(regions.code, users.scopeRegionCode))
      .leftJoin(units, eq(units.id, users.unitId))
      .where(and(isNull(inspectors.withdrawnAt), eq(users.disabled, false), withinScope(regions.path, scopePath)))
      .orderBy(asc(regions.path), asc(users.displayName));
  },

  /**
   * The scope's target registry: its current base grids (each answerable through its
   * community's workstations) and its departments and workstations.
   */
  async targetsInScope(db: Executor, scopePath: string): Promise<DrawTarget[]> {
    const gridRows = await db
      .select({ code: grids.code, path: grids.path, regionCode: grids.regionCode })
      .from(grids)
      .where(and(isNull(grids.validTo), eq(grids.level, 3), withinScope(grids.path, scopePath)));
    const unitRows = await db
      .select({ id: units.id, code: units.code, kind: units.kind, regionCode: units.regionCode, path: regions.path })
      .from(units)
      .innerJoin(regions, eq(regions.code, units.regionCode))
      .where(and(ne(units.kind, 'command_center'), withinScope(regions.path, scopePath)));
    const workstationsOf = new Map<string, string[]>();
    for (const u of unitRows) {
      if (u.kind !== 'workstation') continue;
      workstationsOf.set(u.regionCode, [...(workstationsOf.get(u.regionCode) ?? []), u.id]);
    }
    return [
      ...gridRows.map((g) => ({
        kind: 'grid' as const,
        code: g.code,
        path: g.path,
        unitIds: workstationsOf.get(g.regionCode) ?? [],
      })),
      ...unitRows.map((u) => ({ kind: 'unit' as const, code: u.code, path: u.path, unitIds: [u.id] })),
    ];
  },

  /** Cases of the scope by code, as targets answerable through their assigned and involved units. */
  async caseTargetsInScope(db: Executor, codes: string[], scopePath: string): Promise<DrawTarget[]> {
    if (codes.length === 0) return [];
    const rows = await db
      .select({
        code: cases.code,
        path: cases.path,
        assignedUnitId: cases.assignedUnitId,
        involvedUnitIds: cases.involvedUnitIds,
      })
      .from(cases)
      .where(and(inArray(cases.code, codes), withinScope(cases.path, scopePath)));
    return rows.map((c) => ({
      kind: 'case' as const,
      code: c.code,
      path: c.path,
      unitIds: [...new Set([...(c.assignedUnitId ? [c.assignedUnitId] : []), ...c.involvedUnitIds])],
    }));
  },

  /** The scope's latest draw (the one rotation avoids repeating), with its pairs. */
  async latestDrawOf(db: Executor, path: string) {
    const [draw] = await db
      .select({ id: inspectionDraws.id })
      .from(inspectionDraws)
      .where(eq(inspectionDraws.path, path))
      .orderBy(desc(inspectionDraws.createdAt))
      .limit(1);
    if (!draw) return undefined;
    const pairs = await db
      .select({
        inspectorId: inspectionDrawPairs.inspectorId,
        targetKind: inspectionDrawPairs.targetKind,
        targetCode: inspectionDrawPairs.targetCode,
      })
      .from(inspectionDrawPairs)
      .where(eq(inspectionDrawPairs.drawId, draw.id));
    return { id: draw.id, pairs };
  },

  /** Serializes draws of one scope, so two at once cannot both rotate against the same previous draw. */
  async lockDraws(db: Executor, path: string): Promise<void> {
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`inspection-draw:${path}`}))`);
  },

  async insertDraw(
    db: Executor,
    draw: typeof inspectionDraws.$inferInsert,
    pairs: Omit<typeof inspectionDrawPairs.$inferInsert, 'drawId'>[],
  ): Promise<InspectionDrawRow> {
    const [saved] = await db.insert(inspectionDraws).values(draw).returning();
    if (!saved) throw new Error('insert returned no row');
    if (pairs.length > 0) {
      await db.insert(inspectionDrawPairs).values(pairs.map((p) => ({ ...p, drawId: saved.id })));
    }
    return saved;
  },

  async drawsInScope(db: Executor, scopePath: string) {
    return db
      .select({
        draw: inspectionDraws,
        createdByName: users.displayName,
        pairCount: sql<number>`(SELECT count(*)::int FROM ${inspectionDrawPairs} WHERE ${inspectionDrawPairs.drawId} = ${inspectionDraws.id})`,
      })
      .from(inspectionDraws)
      .leftJoin(users, eq(users.id, inspectionDraws.createdBy))
      .where(withinScope(inspectionDraws.path, scopePath))
      .orderBy(desc(inspectionDraws.createdAt))
      .limit(200);
  },

  async drawInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select({ draw: inspectionDraws, createdByName: users.displayName })
      .from(inspectionDraws)
      .leftJoin(users, eq(users.id, inspectionDraws.createdBy))
      .where(and(eq(inspectionDraws.id, id), withinScope(inspectionDraws.path, scopePath)));
    return row;
  },

  async pairsOf(db: Executor, drawId: string) {
    return db
      .select({ pair: inspectionDrawPairs, inspectorName: users.displayName })
      .from(inspectionDrawPairs)
      .innerJoin(users, eq(users.id, inspectionDrawPairs.inspectorId))
      .where(eq(inspectionDrawPairs.drawId, drawId))
      .orderBy(asc(inspectionDrawPairs.position));
  },

  /** The pairs drawn for one inspector, newest draw first. */
  async pairsOfInspector(db: Executor, inspectorId: string) {
    return db
      .select({
        pair: inspectionDrawPairs,
        draw: { id: inspectionDraws.id, period: inspectionDraws.period, createdAt: inspectionDraws.createdAt },
      })
      .from(inspectionDrawPairs)
      .innerJoin(inspectionDraws, eq(inspectionDraws.id, inspectionDrawPairs.drawId))
      .where(eq(inspectionDrawPairs.inspectorId, inspectorId))
      .orderBy(desc(inspectionDraws.createdAt), asc(inspectionDrawPairs.position))
      .limit(500);
  },

  async findingsOf(db: Executor, pairIds: string[]) {
    if (pairIds.length === 0) return [];
    return db
      .select({ finding: inspectionFindings, recordedByName: users.displayName })
      .from(inspectionFindings)
      .leftJoin(users, eq(users.id, inspectionFindings.recordedBy))
      .where(inArray(inspectionFindings.pairId, pairIds))
      .orderBy(asc(inspectionFindings.recordedAt));
  },

  /**
   * The latest finding of every drawn pair whose target lies in scope, recorded in [from, to),
   * with the pair's inspector: the detector of rubber-stamping reads them.
   */
  async latestFindingsInScope(db: Executor, { scopePath, from, to }: { scopePath: string; from: Date; to: Date }) {
    return db
      .selectDistinctOn([inspectionFindings.pairId], {
        findingId: inspectionFindings.id,
        inspectorId: inspectionDrawPairs.inspectorId,
        targetCode: inspectionDrawPairs.targetCode,
        foundCount: inspectionFindings.foundCount,
        reportedCount: inspectionFindings.reportedCount,
        foundCaseCodes: inspectionFindings.foundCaseCodes,
      })
      .from(inspectionFindings)
      .innerJoin(inspectionDrawPairs, eq(inspectionDrawPairs.id, inspectionFindings.pairId))
      .where(
        and(
          withinScope(inspectionDrawPairs.targetPath, scopePath),
          gte(inspectionFindings.recordedAt, from),
          lt(inspectionFindings.recordedAt, to),
        ),
      )
      .orderBy(asc(inspectionFindings.pairId), desc(inspectionFindings.recordedAt));
  },

  async pairOfDraw(db: Executor, drawId: string, pairId: string) {
    const [row] = await db
      .select()
      .from(inspectionDrawPairs)
      .where(and(eq(inspectionDrawPairs.id, pairId), eq(inspectionDrawPairs.drawId, drawId)));
    return row;
  },

  async insertFinding(db: Executor, row: typeof inspectionFindings.$inferInsert): Promise<InspectionFindingRow> {
    const [saved] = await db.insert(inspectionFindings).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  /** The region a target lies in (a grid's or a case's community, a unit's region): where its visit is booked. */
  async regionCodeOfTarget(db: Executor, kind: 'grid' | 'unit' | 'case', code: string): Promise<string | undefined> {
    const [row] =
      kind === 'grid'
        ? await db
            .select({ regionCode: grids.regionCode })
            .from(grids)
            .where(and(eq(grids.code, code), isNull(grids.validTo)))
        : kind === 'unit'
          ? await db.select({ regionCode: units.regionCode }).from(units).where(eq(units.code, code))
          : await db.select({ regionCode: cases.regionCode }).from(cases).where(eq(cases.code, code));
    return row?.regionCode;
  },

  /** Display names of targets: grids and units by code (cases are shown by their code). */
  async targetNames(db: Executor, gridCodes: string[], unitCodes: string[]) {
    const names = new Map<string, string>();
    if (gridCodes.length > 0) {
      const rows = await db
        .select({ code: grids.code, name: grids.name })
        .from(grids)
        .where(and(inArray(grids.code, gridCodes), isNull(grids.validTo)));
      for (const r of rows) names.set(`grid|${r.code}`, r.name);
    }
    if (unitCodes.length > 0) {
      const rows = await db
        .select({ code: units.code, name: units.name })
        .from(units)
        .where(inArray(units.code, unitCodes));
      for (const r of rows) names.set(`unit|${r.code}`, r.name);
    }
    return names;
  },
};
