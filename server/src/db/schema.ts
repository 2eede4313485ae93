// Every module's tables, for Drizzle's typed queries and for drizzle-kit.
export * from '../modules/accounts/accounts.tables.js';
export * from '../modules/assessment/assessment.tables.js';
export * from '../modules/audit/audit.tables.js';
export * from '../modules/cases/cases.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../modules/consultation/consultation.tables.js';
export * from '../modules/events/events.tables.js';
export * from '../modules/grids/grids.tables.js';
export * from '../modules/hotline/hotline.tables.js';
export * from '../modules/idempotency/idempotency.tables.js';
export * from '../modules/jobs/jobs.tables.js';
export * from '../modules/patrols/patrols.tables.js';
export * from '../modules/photos/photos.tables.js';
export * from '../modules/regions/regions.tables.js';
export * from '../modules/staffing/staffing.tables.js';
export * from '../modules/units/units.tables.js';
export * from '../modules/visits/visits.tables.js';
