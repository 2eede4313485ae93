import { casesRepository } from './cases.repository.js';

/** The cases module's reads other modules may make (only the cases module writes its tables). */
export const casesLookups = {
  listInScope: casesRepository.listInScope,
};
