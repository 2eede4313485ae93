import type { Executor } from '../../db/client.js';
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

export async function loadRegionTree(db: Executor, source: RegionTreeSource = jiangyinRegionTree): Promise<number> {
  const rows = regionRowsOf(source);
  await regionsRepository.insertMany(db, rows);
  return rows.length;
}
