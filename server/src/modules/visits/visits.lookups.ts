import { visitsRepository } from './visits.repository.js';

/** The visits module's reads other modules may make (only the visits module writes its tables). */
export const visitsLookups = {
  listPlans: visitsRepository.listPlans,
};
