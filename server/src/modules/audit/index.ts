/** The audit module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './audit-chain.js';
export * from './record-audit.js';
export * from './stated-purpose.js';
