import { catalogRepository } from './catalog.repository.js';
import { currentMatters } from './current-matters.js';

/** The catalog module's reads other modules may make (only the catalog module writes its tables). */
export const catalogLookups = {
  count: catalogRepository.count,
  currentAll: catalogRepository.currentAll,
  /** Kept in memory (current-matters.ts): the intake reads it on every report. */
  findCurrent: currentMatters.get,
  findVersion: catalogRepository.findVersion,
};
