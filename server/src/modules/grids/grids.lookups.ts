import { gridsRepository } from './grids.repository.js';

/** The grids module's reads other modules may make (only the grids module writes its tables). */
export const gridsLookups = {
  currentWithGeometryInScope: gridsRepository.currentWithGeometryInScope,
  findCurrentByCodes: gridsRepository.findCurrentByCodes,
  findCurrentInScope: gridsRepository.findCurrentInScope,
};
