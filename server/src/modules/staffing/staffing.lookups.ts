import { staffingRepository } from './staffing.repository.js';

/** The staffing module's reads other modules may make (only the staffing module writes its tables). */
export const staffingLookups = {
  absencesOverlapping: staffingRepository.absencesOverlapping,
  postsInScope: staffingRepository.postsInScope,
};
