import { cachedLookup } from '../../db/cached-lookup.js';
import { catalogRepository } from './catalog.repository.js';

/**
 * The current version of each matter by code, read by every report: kept in each process,
 * emptied by any change to the catalog (migration 0035's trigger on matters), and by an
 * edit at once in the editing process. Unknown codes are not kept.
 */
export const currentMatters = cachedLookup({
  channels: ['yiwang_matters_changed'],
  load: catalogRepository.findCurrent,
});
