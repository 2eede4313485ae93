/** The regions module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export * from './community-in-scope.js';
export * from './load-region-tree.js';
export * from './regions.lookups.js';
