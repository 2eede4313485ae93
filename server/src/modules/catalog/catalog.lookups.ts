import { catalogRepository } from './catalog.repository.js';

/** The catalog module's reads other modules may make (only the catalog module writes its tables). */
export const catalogLookups = {
  count: catalogRepository.count,
  currentAll: catalogRepository.currentAll,
  findCurrent: catalogRepository.findCurrent,
  findVersion: catalogRepository.findVersion,
};
