import type { HandlingLevel } from '@yiwang/contracts';
import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import type { Crs, GridLocator } from '../grids/index.js';
import { regionsLookups } from '../regions/index.js';
import { commandUnitsAlongPath, commandUnitsOfRegions } from '../units/index.js';
import { commandUnitFor } from './domain/stage-clock.js';

/** Where a case is: its region (for routing and command), its base grid and scope path. */
export interface CasePlace {
  regionCode: string;
  /** "county/town/community" */
  regionPath: string;
  gridCode: string | null;
  /** The base grid's path, or the region's while the case is not on the map. */
  path: string;
  point: readonly [lon: number, lat: number] | null;
  /** Names to show people (the case's answer is built before the row is read back). */
  regionName: string;
  regionNameEn: string;
  gridName: string | null;
  gridNameEn: string | null;
}

/** A point → its base grid (outside the county: 400 outside-county; no grid: 422 no-grid). */
export async function placeAtPoint(
  db: Executor,
  locator: GridLocator,
  point: readonly [number, number],
  crs: Crs,
): Promise<CasePlace> {
  const located = await locator.gridAt([point[0], point[1]], crs);
  const region = await regionsLookups.findByCode(db, located.grid.regionCode);
  if (!region) throw new Error(`region ${located.grid.regionCode} of grid ${located.grid.code} missing`);
  return {
    regionCode: region.code,
    regionPath: region.path,
    gridCode: located.grid.code,
    path: located.grid.path,
    point: [located.point[0], located.point[1]],
    regionName: region.name,
    regionNameEn: region.nameEn,
    gridName: located.grid.name,
    gridNameEn: located.grid.nameEn,
  };
}

/** The command center or workstation of `level` for a region, moved up when it has none. */
export async function commandUnitForRegion(
  db: Executor,
  level: HandlingLevel,
  regionPath: string,
): Promise<{ unitId: string; level: HandlingLevel }> {
  const units = await commandUnitsOfRegions(db, regionPath.split('/'));
  const found = commandUnitFor(level, regionPath, (code) => units.get(code));
  if (!found) throw new DomainError('no-command-unit', { regionPath });
  return found;
}

/** The command center or workstation that takes a new case. */
export interface CommandUnit {
  unitId: string;
  code: string;
  name: string;
  level: HandlingLevel;
}

/**
 * Where a report lands and who takes it, with no query in the common case: the point's base
 * grid (gridAt, in memory) or the fallback region when there is only an address, then the
 * region and the command units along its path (both kept in memory by their modules).
 */
export async function placeReport(
  db: Executor,
  locator: GridLocator,
  input: {
    point: { lonLat: readonly [number, number]; crs: Crs } | null;
    fallbackRegionCode: string;
    level: HandlingLevel;
  },
): Promise<{ place: CasePlace; command: CommandUnit }> {
  const located = input.point ? await locator.gridAt([...input.point.lonLat], input.point.crs) : null;
  const regionCode = located ? located.grid.regionCode : input.fallbackRegionCode;
  const found = await regionsLookups.findByCode(db, regionCode);
  if (!found) throw new Error(`region ${regionCode} missing`);
  const units = await commandUnitsAlongPath(db, found.path);
  const region = {
    regionCode: found.code,
    regionPath: found.path,
    regionName: found.name,
    regionNameEn: found.nameEn,
  };
  const place: CasePlace = located
    ? {
        ...region,
        gridCode: located.grid.code,
        gridName: located.grid.name,
        gridNameEn: located.grid.nameEn,
        path: located.grid.path,
        point: [located.point[0], located.point[1]],
      }
    : { ...region, gridCode: null, gridName: null, gridNameEn: null, path: found.path, point: null };
  // A region has one command unit; the command center wins should both exist.
  const byRegion = new Map<string, (typeof units)[number]>();
  for (const unit of units) {
    const other = byRegion.get(unit.regionCode);
    if (!other || unit.kind === 'command_center') byRegion.set(unit.regionCode, unit);
  }
  const chosen = commandUnitFor(input.level, place.regionPath, (code) => byRegion.get(code)?.id);
  if (!chosen) throw new DomainError('no-command-unit', { regionPath: place.regionPath });
  const unit = units.find((u) => u.id === chosen.unitId);
  if (!unit) throw new Error('chosen command unit not among those found');
  return { place, command: { unitId: unit.id, code: unit.code, name: unit.name, level: chosen.level } };
}
