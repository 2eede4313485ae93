import type { Executor } from '../../db/client.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { setRegionOutline } from '../regions/index.js';
import { demoGridMap } from './demo-grid-map.js';
import { areaSquareMeters, bboxOf } from './geometry/index.js';
import { gridPath } from './grid-path.js';
import { gridsRepository, type NewGrid } from './grids.repository.js';

/**
 * Writes the demo grid map (built deterministically from the real county outline) and
 * the county's outline into the database, as version 1 of every grid.
 */
export async function loadDemoGridMap(tx: Executor, { now: at }: DemoContext): Promise<DemoTally> {
  const map = demoGridMap();
  await setRegionOutline(tx, map.countyCode, map.countyGeometry);
  const paths = await gridsRepository.regionPaths(tx, [...new Set(map.grids.map((g) => g.regionCode))]);
  const rows: NewGrid[] = map.grids.map((g) => {
    const regionPath = paths.get(g.regionCode);
    if (!regionPath) throw new Error(`grid ${g.code} names unknown region ${g.regionCode}`);
    const [minLon, minLat, maxLon, maxLat] = bboxOf(g.geometry);
    return {
      code: g.code,
      name: g.name,
      nameEn: g.nameEn,
      level: g.level,
      parentCode: g.parentCode,
      regionCode: g.regionCode,
      path: gridPath(regionPath, g),
      geometry: g.geometry,
      minLon,
      minLat,
      maxLon,
      maxLat,
      areaSquareMeters: areaSquareMeters(g.geometry),
      households: g.households,
      people: g.people,
      validFrom: at,
    };
  });
  await gridsRepository.insertMany(tx, rows);
  await gridsRepository.bumpMapVersion(tx, at);
  return { grids: rows.length };
}
