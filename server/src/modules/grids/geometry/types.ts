/**
 * Minimal GeoJSON geometry types for grid boundaries. Grids are areas, so only Polygon
 * and MultiPolygon exist here. Coordinates are WGS84 (or CGCS2000, which agrees with
 * WGS84 to centimetres) longitude, latitude in degrees — GeoJSON axis order.
 *
 * The arrays are mutable on purpose: they are the same shapes polygon-clipping takes and
 * returns, so results flow between the two without copies or casts.
 */

/** [longitude, latitude] in degrees. */
export type Position = [lon: number, lat: number];

/** A linear ring: closed (first position equals last), at least four positions. */
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  /** Exterior ring first, then holes. */
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

/** The boundary of a grid or region. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLon, minLat, maxLon, maxLat], as the GeoJSON `bbox` member. */
export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** The polygons of a geometry as one list, so callers need not branch on the type. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Wraps a polygon-clipping result (always a list of polygons) as GeoJSON, choosing
 * Polygon when there is exactly one part so that simple grids stay simple.
 */
export function toAreaGeometry(polygons: Ring[][]): AreaGeometry {
  const [only] = polygons;
  if (polygons.length === 1 && only) return { type: 'Polygon', coordinates: only };
  return { type: 'MultiPolygon', coordinates: polygons };
}
