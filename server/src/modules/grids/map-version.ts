import { cachedLookup } from '../../db/cached-lookup.js';
import type { Executor } from '../../db/client.js';
import { gridsRepository } from './grids.repository.js';

/**
 * The grid map's version (grid_map_state), which gridAt compares with its index's before
 * every lookup: kept in each process, emptied when any process changes the map (migration
 * 0035's trigger on grid_map_state) and at once by an import in its own process.
 */
export const mapVersions = cachedLookup({
  channels: ['yiwang_grid_map_changed'],
  load: (db: Executor, _map: 'current') => gridsRepository.mapVersion(db),
});
