/** The grids module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export { type DemoGrid, demoGridMap, demoWorkerGrid } from './demo-grid-map.js';
export * from './geometry/index.js';
export * from './grid-locator.js';
export * from './grids.lookups.js';
