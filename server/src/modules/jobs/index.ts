/** The jobs module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './job-runner.js';
