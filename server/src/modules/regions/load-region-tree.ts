import type { Executor } from '../../db/client.js';
import type { DemoTally } from '../../platform/http.js';
import outline from './data/jiangyin-outline.json' with { type: 'json' };
import jiangyin from './data/jiangyin-regions.json' with { type: 'json' };
import type { NewRegion } from './regions.repository.js';
import { regionsRepository } from './regions.repository.js';

export interface RegionTreeSource {
  county: { code: string; name: string; nameEn: string };
  towns: { code: string; name: string; nameEn: string }[];
  communities: { code: string; name: string; nameEn: string; townCode: string }[];
}

/** Flattens a county's division data into region rows with materialized paths. */
export function regionRowsOf(source: RegionTreeSource): NewRegion[] {
  const { county } = source;
  const rows: NewRegion[] = [{ ...county, level: 'county', parentCode: null, path: county.code, sortOrder: 0 }];
  source.towns.forEach((town, i) => {
    rows.push({ ...town, level: 'town', parentCode: county.code, path: `${county.code}/${town.code}`, sortOrder: i });
  });
  const townCodes = new Set(source.towns.map((t) => t.code));
  source.communities.forEach((c, i) => {
    if (!townCodes.has(c.townCode)) throw new Error(`community ${c.code} names unknown town ${c.townCode}`);
    rows.push({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      level: 'community',
      parentCode: c.townCode,
      path: `${county.code}/${c.townCode}/${c.code}`,
      sortOrder: i,
    });
  });
  return rows;
}

/** The real 江阴市 (320281): 21 towns, streets and zones, 282 villages and communities. */
export const jiangyinRegionTree: RegionTreeSource = jiangyin;

/**
 * 江阴市's outline as extracted (GeoJSON, quantised: its ring touches itself in places; the
 * grids' demo map cleans it before tiling it).
 */
export const jiangyinOutline = outline.geometry;

/** Loads a county's region tree into an empty table; returns the number of regions. */
export async function loadRegionTree(db: Executor, source: RegionTreeSource = jiangyinRegionTree): Promise<number> {
  const rows = regionRowsOf(source);
  await regionsRepository.insertMany(db, rows);
  return rows.length;
}

/** The demo county is the real one: 江阴市's region tree (its outline comes with the grid map). */
export async function loadDemoRegionTree(db: Executor): Promise<DemoTally> {
  await loadRegionTree(db, jiangyinRegionTree);
  return { towns: jiangyinRegionTree.towns.length, communities: jiangyinRegionTree.communities.length };
}

/** Keeps a region's outline (GeoJSON geometry): the demo county's is drawn by its grid map. */
export function setRegionOutline(db: Executor, code: string, geometry: unknown): Promise<void> {
  return regionsRepository.setGeometry(db, code, geometry);
}
