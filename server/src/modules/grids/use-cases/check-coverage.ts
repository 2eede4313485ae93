import type { CoverageReport } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { regionsLookups } from '../../regions/index.js';
import { type AreaGeometry, findCoverageFaults } from '../geometry/index.js';
import { type GridRow, gridsRepository } from '../grids.repository.js';

const TOLERANCE_SQUARE_METERS = 1;

/**
 * 全覆盖 check under one parent: the county (its outline against the level-1 grids), or a
 * grid (its shape against its child grids). Gaps, overlaps between siblings and parts
 * outside the parent, each with its geometry and area.
 */
export async function checkCoverage(db: Db, scopePath: string, parentCode: string): Promise<CoverageReport> {
  let parent: { code: string; name: string; kind: 'region' | 'grid'; geometry: AreaGeometry };
  let children: GridRow[];
  const region = await regionsLookups.findInScope(db, parentCode, scopePath);
  const full = region ? await regionsLookups.findByCode(db, parentCode) : undefined;
  if (region && full?.geometry) {
    parent = { code: region.code, name: region.name, kind: 'region', geometry: full.geometry as AreaGeometry };
    children = await gridsRepository.currentWithGeometryInScope(db, { level: 1 }, scopePath);
  } else {
    // A town or community stands for its level-1 or level-2 grid.
    const level = region?.level === 'town' ? 1 : region?.level === 'community' ? 2 : undefined;
    const code = level
      ? (
          await gridsRepository.listCurrentInScope(db, { level, regionCode: parentCode }, scopePath, {
            limit: 1,
            offset: 0,
          })
        ).items[0]?.code
      : parentCode;
    const grid = code ? await gridsRepository.findCurrentInScope(db, code, scopePath) : undefined;
    if (!grid) throw new DomainError('not-found');
    parent = { code: grid.code, name: grid.name, kind: 'grid', geometry: grid.geometry };
    children = await gridsRepository.currentChildren(db, grid.code);
  }
  const faults = findCoverageFaults(parent.geometry, children, { toleranceSquareMeters: TOLERANCE_SQUARE_METERS });
  return {
    parent: { code: parent.code, name: parent.name, kind: parent.kind },
    childCount: children.length,
    gaps: faults.gaps,
    overlaps: faults.overlaps,
    outside: faults.outside,
    toleranceSquareMeters: TOLERANCE_SQUARE_METERS,
  };
}
