import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import type { Crs } from '../grids/geometry/index.js';
import type { GridLocator } from '../grids/grid-locator.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { casesRepository } from './cases.repository.js';
import { commandUnitFor } from './domain/stage-clock.js';
import type { HandlingLevel } from './domain/types.js';

/** Where a case is: its region (for routing and command), its base grid and scope path. */
export interface CasePlace {
  regionCode: string;
  /** "county/town/community" */
  regionPath: string;
  gridCode: string | null;
  /** The base grid's path, or the region's while the case is not on the map. */
  path: string;
  point: readonly [lon: number, lat: number] | null;
}

/** A point → its base grid (outside the county: 400 outside-county; no grid: 422 no-grid). */
export async function placeAtPoint(
  db: Executor,
  locator: GridLocator,
  point: readonly [number, number],
  crs: Crs,
): Promise<CasePlace> {
  const located = await locator.gridAt([point[0], point[1]], crs);
  const region = await regionsRepository.findByCode(db, located.grid.regionCode);
  if (!region) throw new Error(`region ${located.grid.regionCode} of grid ${located.grid.code} missing`);
  return {
    regionCode: region.code,
    regionPath: region.path,
    gridCode: located.grid.code,
    path: located.grid.path,
    point: [located.point[0], located.point[1]],
  };
}

/** A case known only by its address: placed in a region (the reporter's) until an operator puts it on the map. */
export async function placeInRegion(db: Executor, regionCode: string): Promise<CasePlace> {
  const region = await regionsRepository.findByCode(db, regionCode);
  if (!region) throw new Error(`region ${regionCode} missing`);
  return { regionCode: region.code, regionPath: region.path, gridCode: null, path: region.path, point: null };
}

/** The command center or workstation of `level` for a region, moved up when it has none. */
export async function commandUnitForRegion(
  db: Executor,
  level: HandlingLevel,
  regionPath: string,
): Promise<{ unitId: string; level: HandlingLevel }> {
  const units = await casesRepository.commandUnitsOfRegions(db, regionPath.split('/'));
  const found = commandUnitFor(level, regionPath, (code) => units.get(code));
  if (!found) throw new DomainError('no-command-unit', { regionPath });
  return found;
}
