/** The visits module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './present-visit.js';
export * from './visits.lookups.js';
