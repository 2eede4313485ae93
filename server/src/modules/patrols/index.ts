/** The patrols module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './area-of.js';
export * from './patrol-deps.js';
export * from './patrol-track.js';
export * from './patrols.lookups.js';
export * from './present-patrol.js';
