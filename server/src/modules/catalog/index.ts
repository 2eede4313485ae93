/** The catalog module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export * from './catalog.lookups.js';
export * from './catalog-matter.js';
export * from './data/matter.js';
export * from './form-answers.js';
export * from './use-cases/seed-matter-catalog.js';
