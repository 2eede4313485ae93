/** The registry module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export { generateCommunityRegistry, PEOPLE_PER_BUILDING } from './demo/generate-community-registry.js';
export {
  communityInput,
  DEMO_REGISTRY_COMMUNITY,
  demoRegistry,
  writeGeneratedRegistry,
} from './demo/load-demo-registry.js';
export { idNumberProblem, makeIdNumber, maskIdNumber } from './domain/id-number.js';
export { resealLegacyDemoRegistry } from './use-cases/reseal-legacy-demo.js';
