import { unitsRepository } from './units.repository.js';

/** The units module's reads other modules may make (only the units module writes its tables). */
export const unitsLookups = {
  findByCode: unitsRepository.findByCode,
  findById: unitsRepository.findById,
  findInScope: unitsRepository.findInScope,
};
