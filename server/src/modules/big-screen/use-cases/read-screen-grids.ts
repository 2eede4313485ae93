import type { BigScreenGrids } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { gridsLookups } from '../../grids/index.js';

/** The outlines of the current grids of the caller's scope (public geography: codes and shapes, no people). */
export async function readScreenGrids(deps: { db: Db }, options: { actor: Actor }): Promise<BigScreenGrids> {
  const rows = await gridsLookups.currentWithGeometryInScope(deps.db, {}, options.actor.scopePath);
  return {
    type: 'FeatureCollection',
    features: rows.map((grid) => ({
      type: 'Feature',
      properties: { code: grid.code, level: grid.level },
      geometry: grid.geometry as BigScreenGrids['features'][number]['geometry'],
    })),
  };
}
