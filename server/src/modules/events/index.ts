/** The events module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './domain-events.js';
