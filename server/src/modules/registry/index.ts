/** The registry module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export { idNumberProblem, makeIdNumber, maskIdNumber } from './domain/id-number.js';
