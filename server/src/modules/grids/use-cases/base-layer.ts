import type { BaseLayer } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { regionsLookups } from '../../regions/index.js';
import { type AreaGeometry, mergeAreas } from '../geometry/index.js';
import { gridsRepository } from '../grids.repository.js';

type Kind = BaseLayer['features'][number]['properties']['kind'];

/**
 * The offline base layer: what a map without tiles shows around the grids so that a person
 * knows where they are — the county outline, its towns and its communities, each with its
 * official name from the region tree. Real town and community boundaries are not in the
 * region data, so each is drawn from the grids that stand for it (level-1 grids for a town,
 * level-2 for a community, merged when there are several); the county from its outline.
 * Public geography: the whole county, whatever the reader's scope.
 */
export async function describeBaseLayer(db: Db): Promise<BaseLayer> {
  const [county] = await regionsLookups.roots(db);
  if (!county) return { type: 'FeatureCollection', features: [] };
  const grids = [
    ...(await gridsRepository.currentWithGeometryInScope(db, { level: 1 }, county.path)),
    ...(await gridsRepository.currentWithGeometryInScope(db, { level: 2 }, county.path)),
  ];
  const areasOf = new Map<string, { kind: Kind; areas: AreaGeometry[] }>();
  for (const grid of grids) {
    const entry = areasOf.get(grid.regionCode) ?? { kind: grid.level === 1 ? 'town' : 'community', areas: [] };
    entry.areas.push(grid.geometry);
    areasOf.set(grid.regionCode, entry);
  }
  const regions = new Map(
    (await regionsLookups.byCodesInScope(db, [...areasOf.keys()], county.path)).map((r) => [r.code, r]),
  );
  const features: BaseLayer['features'] = [];
  if (county.geometry) {
    features.push({
      type: 'Feature',
      id: county.code,
      properties: { kind: 'county', code: county.code, name: county.name, nameEn: county.nameEn },
      geometry: county.geometry as AreaGeometry,
    });
  }
  for (const [code, { kind, areas }] of [...areasOf].sort(([a], [b]) => a.localeCompare(b))) {
    const region = regions.get(code);
    const geometry = mergeAreas(areas);
    if (!region || !geometry) continue;
    features.push({
      type: 'Feature',
      id: code,
      properties: { kind, code, name: region.name, nameEn: region.nameEn },
      geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}
