// Default import on purpose: under Node ESM gcoord is CommonJS (its index.js picks a build
// at run time) and named imports fail with "Named export 'transform' not found"; bundlers
// and Vitest take its ESM build, whose default export is the same object.
import gcoord from 'gcoord';
import type { Position } from './types.js';

/**
 * Coordinate reference systems a point may arrive in:
 * - WGS84: GPS receivers, OpenStreetMap, Tianditu's lon/lat layers.
 * - CGCS2000: the national datum of China's official surveying and grid maps.
 * - GCJ02: the obfuscated datum every licensed Chinese web map and phone SDK uses (AMap, Tencent).
 * - BD09: Baidu's further offset of GCJ02.
 */
export type Crs = 'WGS84' | 'CGCS2000' | 'GCJ02' | 'BD09';

/**
 * Converts a point to WGS84 at the edge of the system, so that grids, patrol tracks and
 * reports are stored and compared in one datum. Phone SDKs and Chinese web maps hand
 * out GCJ02 or BD09 positions offset by several hundred metres, enough to land a report
 * in the neighbouring grid.
 *
 * CGCS2000 is passed through unchanged: its ellipsoid and frame agree with WGS84 (current
 * realisations) to a few centimetres, far below GPS and digitising error, which is why
 * national standards allow treating the two as the same at grid scale.
 * GCJ02/BD09 → WGS84 is gcoord's iterative inverse (GCJ02 has no closed-form inverse),
 * converging to 1e-6° (about 0.1 m); outside a rough bounding box of China gcoord leaves
 * the point as it is, as the offset is only applied inside China.
 */
export function toWgs84(point: Position, crs: Crs): Position {
  switch (crs) {
    case 'WGS84':
    case 'CGCS2000':
      return [point[0], point[1]];
    case 'GCJ02':
    case 'BD09': {
      const [lon, lat] = gcoord.transform<[number, number]>(
        [point[0], point[1]],
        crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09,
        gcoord.WGS84,
      );
      return [lon, lat];
    }
  }
}
