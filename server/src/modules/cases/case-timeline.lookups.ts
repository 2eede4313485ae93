import { caseTimelineRepository } from './case-timeline.repository.js';

/** A case's timeline as other modules may read it (only the cases module writes it). */
export const caseTimelineLookups = {
  eventsOf: caseTimelineRepository.eventsOf,
};
