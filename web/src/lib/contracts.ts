/**
 * Runtime constants shared with the server. The package index also builds the TypeBox
 * schemas, so values come from the plain-data entry `@yiwang/contracts/vocabulary` to keep
 * TypeBox out of the browser bundle; types come from '@yiwang/contracts' with `import type`.
 */
export { GRID_TEAM_ROLES, LOCALES, REGION_LEVELS, ROLES, UNIT_KINDS } from '@yiwang/contracts/vocabulary';
