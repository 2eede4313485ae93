/** The assessment module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export type { CaseFacts } from './domain/case-facts.js';
export { INDICATOR_FORMULAS, indicatorsOf } from './domain/indicators.js';
export { computeIndicators } from './use-cases/compute-indicators.js';
