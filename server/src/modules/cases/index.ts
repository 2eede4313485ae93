/** The cases module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './case-code.js';
export * from './case-deps.js';
export * from './case-scope.js';
export * from './case-timeline.lookups.js';
export * from './cases.lookups.js';
export * from './cases.settings.js';
export { reporterMayRate } from './domain/workflow.js';
export * from './domain/workflow-types.js';
export * from './present-case.js';
export * from './report-media-url.js';
export * from './snapshot-json.js';
export * from './use-cases/add-report-to-case.js';
export * from './use-cases/get-case-to-verify.js';
export * from './use-cases/report-case.js';
