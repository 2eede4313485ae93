/** The consultation module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export { type DecisionRow, decisionsLookups, findDecision } from './decisions.lookups.js';
