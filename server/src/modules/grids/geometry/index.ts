// The geometry of grids: pure functions over GeoJSON-shaped polygons, no I/O.
export { type CoverageChild, type CoverageFaults, type CoverageOptions, findCoverageFaults } from './coverage';
export { type Crs, toWgs84 } from './crs';
export { GridIndex, type IndexedArea } from './grid-index';
export { areaSquareMeters, bboxOf } from './measure';
export { pointInGeometry } from './point-in-geometry';
export { orientation, type SegmentContact, segmentContact } from './segments';
export type { AreaGeometry, Bbox, MultiPolygonGeometry, PolygonGeometry, Position, Ring } from './types';
export { polygonsOf, toAreaGeometry } from './types';
export {
  type GeometryIssue,
  type GeometryValidation,
  type RingLocation,
  type ValidateOptions,
  validateFeature,
  validateGeometry,
} from './validate';
