// The geometry of grids: pure functions over GeoJSON-shaped polygons, no I/O.
export {
  type CoverageChild,
  type CoverageFaults,
  type CoverageGap,
  type CoverageOptions,
  type CoverageOutside,
  type CoverageOverlap,
  coverageFaultsCreated,
  findCoverageFaults,
  mergeAreas,
} from './coverage.js';
export { type Crs, toWgs84 } from './crs.js';
export { GridIndex, type IndexedArea } from './grid-index.js';
export { interiorPointOf, offsetMeters } from './interior-point.js';
export { areaSquareMeters, bboxOf } from './measure.js';
export { pointInGeometry } from './point-in-geometry.js';
export { orientation, type SegmentContact, segmentContact } from './segments.js';
export type { AreaGeometry, Bbox, MultiPolygonGeometry, PolygonGeometry, Position, Ring } from './types.js';
export { polygonsOf, toAreaGeometry } from './types.js';
export {
  type GeometryIssue,
  type GeometryValidation,
  type RingLocation,
  type ValidateOptions,
  validateFeature,
  validateGeometry,
} from './validate.js';
