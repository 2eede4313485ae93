import type { Executor } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor } from '../../platform/http.js';
import { gridsLookups } from '../grids/index.js';
import { regionsLookups } from '../regions/index.js';

/**
 * The scope path a desk view of field work covers: a grid (at any level) or a region
 * within the caller's scope, else the whole scope. A grid or region outside the scope is
 * not found (404), as everywhere.
 */
export async function areaPathOf(
  db: Executor,
  actor: Pick<Actor, 'scopePath'>,
  filter: { gridCode?: string | undefined; regionCode?: string | undefined },
): Promise<string> {
  if (filter.gridCode) {
    const grid = await gridsLookups.findCurrentInScope(db, filter.gridCode, actor.scopePath);
    if (!grid) throw new DomainError('not-found');
    return grid.path;
  }
  if (filter.regionCode) {
    const region = await regionsLookups.findInScope(db, filter.regionCode, actor.scopePath);
    if (!region) throw new DomainError('not-found');
    return region.path;
  }
  return actor.scopePath;
}
