import { cachedLookup } from '../../db/cached-lookup.js';
import { regionsRepository } from './regions.repository.js';

/**
 * Regions by code, read by every report (where a case lands) and many other requests: kept
 * in each process, emptied by any change to the region tree (migration 0035's trigger on
 * regions). The tree is written only by a county's setup and the demo load. Unknown codes
 * are not kept. A kept row is shared: callers read it, never change it.
 */
export const regionsByCode = cachedLookup({
  channels: ['yiwang_regions_changed'],
  load: regionsRepository.findByCode,
});
