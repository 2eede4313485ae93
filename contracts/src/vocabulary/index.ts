/**
 * The shared vocabulary: plain data and pure functions that the server and all three web
 * apps import (`@yiwang/contracts/vocabulary`). No TypeBox here, so nothing of it weighs on
 * a browser bundle beyond the lists themselves; the API's schemas (`@yiwang/contracts`)
 * build their enums from these lists.
 */
export * from '../roles.js';
export * from './assessment.js';
export * from './audit-actions.js';
export * from './case-events.js';
export * from './case-queues.js';
export * from './case-states.js';
export * from './community.js';
export * from './consultation.js';
export * from './geo.js';
export * from './matter-search.js';
export * from './matters.js';
export * from './permissions.js';
export * from './registry.js';
export * from './registry-import.js';
export * from './registry-links.js';
export * from './text.js';
