import { patrolsRepository } from './patrols.repository.js';

/** The patrols module's reads other modules may make (only the patrols module writes its tables). */
export const patrolsLookups = {
  findById: patrolsRepository.findById,
  fixesOf: patrolsRepository.fixesOf,
  latestOfUser: patrolsRepository.latestOfUser,
  findOpenOfUser: patrolsRepository.findOpenOfUser,
  patrolsWithFixesIn: patrolsRepository.patrolsWithFixesIn,
};
