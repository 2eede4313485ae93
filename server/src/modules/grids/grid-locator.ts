import type { Database, Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import { type Crs, GridIndex, pointInGeometry, toWgs84 } from './geometry/index.js';
import type { AreaGeometry, Position } from './geometry/types.js';
import { gridsRepository } from './grids.repository.js';
import { mapVersions } from './map-version.js';

export interface LocatedGrid {
  code: string;
  name: string;
  nameEn: string;
  level: number;
  parentCode: string | null;
  regionCode: string;
  path: string;
}

export interface Location {
  /** The point in WGS84, whatever it came in. */
  point: Position;
  /** The base grid (level 3) holding the point. */
  grid: LocatedGrid;
  /** Its level-2 and level-1 grids, nearest first. */
  ancestors: LocatedGrid[];
}

interface Snapshot {
  version: number;
  base: GridIndex;
  /** Level-1 grids tile the county: a point outside all of them is outside the county. */
  top: GridIndex;
  byCode: Map<string, LocatedGrid>;
}

/**
 * `gridAt`: point → base grid. The current map lives in memory as a static R-tree with
 * exact point-in-polygon (GridIndex); before answering, the locator compares the map
 * version with the one it was built from. The version is kept in memory too (map-version.ts)
 * and forgotten at a NOTIFY, so a change on any node is seen within a commit's time, without
 * a query per lookup. Dates in the past are answered from the versioned rows.
 */
export class GridLocator {
  private snapshot: Snapshot | undefined;
  private building: Promise<Snapshot> | undefined;

  constructor(private readonly db: Executor) {}

  private async build(version: number): Promise<Snapshot> {
    const rows = await gridsRepository.currentForIndex(this.db);
    const byCode = new Map<string, LocatedGrid>();
    for (const { geometry: _geometry, ...grid } of rows) byCode.set(grid.code, grid);
    const areas = (level: number) =>
      rows.filter((r) => r.level === level).map((r) => ({ code: r.code, geometry: r.geometry as AreaGeometry }));
    return { version, base: new GridIndex(areas(3)), top: new GridIndex(areas(1)), byCode };
  }

  /** The index of the current map, rebuilt when the map version moved. */
  async current(): Promise<Snapshot> {
    const version = await mapVersions.get(this.db, 'current');
    if (this.snapshot?.version === version) return this.snapshot;
    if (!this.building) {
      this.building = this.build(version).finally(() => {
        this.building = undefined;
      });
    }
    this.snapshot = await this.building;
    return this.snapshot;
  }

  private ancestorsOf(byCode: Map<string, LocatedGrid>, grid: LocatedGrid): LocatedGrid[] {
    const result: LocatedGrid[] = [];
    let parent = grid.parentCode ? byCode.get(grid.parentCode) : undefined;
    while (parent) {
      result.push(parent);
      parent = parent.parentCode ? byCode.get(parent.parentCode) : undefined;
    }
    return result;
  }

  /**
   * Resolves a point to its base grid. Throws `outside-county` (400) for a point outside
   * the map, `no-grid` (422) for one inside the county that no base grid covers.
   */
  async gridAt(input: Position, crs: Crs = 'WGS84', at?: Date): Promise<Location> {
    const point = toWgs84(input, crs);
    const [lon, lat] = point;
    if (at && at.getTime() < Date.now() - 1000) return this.gridAtDate(point, at);
    const snapshot = await this.current();
    const code = snapshot.base.lookup(lon, lat);
    const grid = code ? snapshot.byCode.get(code) : undefined;
    if (!grid) {
      throw snapshot.top.lookup(lon, lat)
        ? new DomainError('no-grid')
        : new DomainError('outside-county', { lon, lat });
    }
    return { point, grid, ancestors: this.ancestorsOf(snapshot.byCode, grid) };
  }

  /**
   * Base grids of many WGS84 points on the current map (one version check for the lot):
   * null where no base grid covers a point. For GPS tracks, where a fix outside every grid
   * is kept rather than refused.
   */
  async baseGridsAt(points: readonly Position[]): Promise<(LocatedGrid | null)[]> {
    const snapshot = await this.current();
    return points.map(([lon, lat]) => {
      const code = snapshot.base.lookup(lon, lat);
      return (code && snapshot.byCode.get(code)) || null;
    });
  }

  private async gridAtDate(point: Position, at: Date): Promise<Location> {
    const [lon, lat] = point;
    const find = async (level: number) =>
      (await gridsRepository.candidatesAt(this.db, lon, lat, at, level)).find((g) =>
        pointInGeometry(point, g.geometry),
      );
    const base = await find(3);
    if (!base) throw (await find(1)) ? new DomainError('no-grid') : new DomainError('outside-county', { lon, lat });
    const ancestors: LocatedGrid[] = [];
    for (const level of [2, 1]) {
      const grid = await find(level);
      if (grid) ancestors.push(grid);
    }
    const strip = ({ code, name, nameEn, level, parentCode, regionCode, path }: LocatedGrid) => ({
      code,
      name,
      nameEn,
      level,
      parentCode,
      regionCode,
      path,
    });
    return { point, grid: strip(base), ancestors: ancestors.map(strip) };
  }
}

const locators = new WeakMap<Database, GridLocator>();

/** One locator per database per process, shared by every module that places points. */
export function gridLocatorFor(database: Database): GridLocator {
  let locator = locators.get(database);
  if (!locator) {
    locator = new GridLocator(database.db);
    locators.set(database, locator);
  }
  return locator;
}
