import { regionsRepository } from './regions.repository.js';

/** The regions module's reads other modules may make (only the regions module writes its tables). */
export const regionsLookups = {
  byCodesInScope: regionsRepository.byCodesInScope,
  count: regionsRepository.count,
  existingCodes: regionsRepository.existingCodes,
  findByCode: regionsRepository.findByCode,
  findInScope: regionsRepository.findInScope,
  namesByCode: regionsRepository.namesByCode,
  ofLevelInScope: regionsRepository.ofLevelInScope,
  localizedNamesByCode: regionsRepository.localizedNamesByCode,
  roots: regionsRepository.roots,
};
