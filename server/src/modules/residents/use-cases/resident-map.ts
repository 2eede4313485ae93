import type { ResidentMap } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Config } from '../../../platform/config.js';
import { gridsLookups } from '../../grids/index.js';
import { residentsRepository } from '../residents.repository.js';

/**
 * What the pin map of the portal draws: the base tiles when configured and, for
 * orientation without them, the outlines and names of the towns (level-1 grids) of the
 * whole county — public geography, whatever the resident's own scope.
 */
export async function residentMap(db: Executor, config: Pick<Config, 'mapTiles'>): Promise<ResidentMap> {
  const county = await residentsRepository.countyRegion(db);
  const towns = county ? await gridsLookups.currentWithGeometryInScope(db, { level: 1 }, county.path) : [];
  return {
    tiles: config.mapTiles,
    towns: {
      type: 'FeatureCollection',
      features: towns.map((g) => ({
        type: 'Feature',
        id: g.code,
        properties: { code: g.code, name: g.name, nameEn: g.nameEn },
        geometry: g.geometry,
      })),
    },
  };
}
