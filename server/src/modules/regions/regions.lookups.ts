import { regionsRepository } from './regions.repository.js';
import { regionsByCode } from './regions-by-code.js';

/** The regions module's reads other modules may make (only the regions module writes its tables). */
export const regionsLookups = {
  byCodesInScope: regionsRepository.byCodesInScope,
  count: regionsRepository.count,
  existingCodes: regionsRepository.existingCodes,
  /** Kept in memory (regions-by-code.ts). */
  findByCode: regionsByCode.get,
  findInScope: regionsRepository.findInScope,
  namesByCode: regionsRepository.namesByCode,
  ofLevelInScope: regionsRepository.ofLevelInScope,
  localizedNamesByCode: regionsRepository.localizedNamesByCode,
  roots: regionsRepository.roots,
};
