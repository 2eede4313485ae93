/** The registry module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export {
  type GeneratedRegistry,
  generateCommunityRegistry,
  PEOPLE_PER_BUILDING,
} from './demo/generate-community-registry.js';
export {
  communityInput,
  DEMO_REGISTRY_COMMUNITY,
  demoRegistry,
  writeGeneratedRegistry,
} from './demo/load-demo-registry.js';
export {
  idNumberFacts,
  idNumberProblem,
  makeIdNumber,
  maskIdNumber,
  normalizeIdNumber,
} from './domain/id-number.js';
export type { PersonWithAddress } from './registry.repository.js';
export { registryReadRoute } from './registry-read-route.js';
export { uniqueViolation } from './use-cases/create-places.js';
export {
  currentHeadCounts,
  dwellingsAtAddresses,
  type ImportedPerson,
  peopleByIdNumbers,
  peopleForExport,
  personWithAddress,
  storeImportedHouseholds,
  takeIncomingPerson,
} from './use-cases/import-people.js';
export * from './use-cases/import-places.js';
export { resealLegacyDemoRegistry } from './use-cases/reseal-legacy-demo.js';
