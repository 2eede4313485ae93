/** The units module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export { DEMO_DEPARTMENTS } from './load-demo-units.js';
export * from './unit-lookups.js';
export * from './units.lookups.js';
