import { and, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { cases } from '../cases/cases.tables.js';
import { grids } from '../grids/grids.tables.js';
import { inspectionDrawPairs, inspectionFindings } from './assessment.tables.js';
import type { FindingFact, GridCovariates, Place } from './domain/detection/detectors.js';

/** What the detectors read besides the case facts: grid covariates, case places, inspection findings. */
export const detectionRepository = {
  /** The scope's current base grids with their households, people and area (the grid map). */
  async gridCovariatesInScope(db: Executor, scopePath: string): Promise<GridCovariates[]> {
    const rows = await db
      .select({
        gridCode: grids.code,
        households: grids.households,
        people: grids.people,
        areaSquareMeters: grids.areaSquareMeters,
        level: grids.level,
      })
      .from(grids)
      .where(and(withinScope(grids.path, scopePath), isNull(grids.validTo), eq(grids.level, 3)))
      .orderBy(grids.code);
    return rows.map(({ level: _level, ...g }) => g);
  },

  /** Where each case was reported (cases reported by address have no place). */
  async casePlaces(db: Executor, caseIds: string[]): Promise<Map<string, Place>> {
    const places = new Map<string, Place>();
    for (let i = 0; i < caseIds.length; i += 5000) {
      const rows = await db
        .select({ id: cases.id, lon: cases.lon, lat: cases.lat })
        .from(cases)
        .where(inArray(cases.id, caseIds.slice(i, i + 5000)));
      for (const r of rows) if (r.lon !== null && r.lat !== null) places.set(r.id, { lon: r.lon, lat: r.lat });
    }
    return places;
  },

  /** The latest finding of each grid pair in scope recorded in [from, asOf]. */
  async gridFindingsInScope(
    db: Executor,
    { scopePath, from, asOf }: { scopePath: string; from: Date; asOf: Date },
  ): Promise<FindingFact[]> {
    const rows = await db
      .select({
        pairId: inspectionDrawPairs.id,
        gridCode: inspectionDrawPairs.targetCode,
        inspectorUserId: inspectionDrawPairs.inspectorId,
        found: inspectionFindings.foundCount,
        reported: inspectionFindings.reportedCount,
        caseCodes: inspectionFindings.foundCaseCodes,
        recordedAt: inspectionFindings.recordedAt,
      })
      .from(inspectionFindings)
      .innerJoin(inspectionDrawPairs, eq(inspectionDrawPairs.id, inspectionFindings.pairId))
      .where(
        and(
          eq(inspectionDrawPairs.targetKind, 'grid'),
          withinScope(inspectionDrawPairs.targetPath, scopePath),
          gte(inspectionFindings.recordedAt, from),
          lte(inspectionFindings.recordedAt, asOf),
        ),
      )
      .orderBy(inspectionFindings.recordedAt);
    const latest = new Map<string, FindingFact>();
    for (const { pairId, recordedAt: _at, ...f } of rows) latest.set(pairId, f);
    return [...latest.values()];
  },
};
