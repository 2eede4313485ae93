import { type AreaGeometry, type Bbox, polygonsOf, type Ring } from './types';

/**
 * Bounding box of a geometry, for R-tree entries and the bbox columns the database keeps
 * beside each grid so that a map viewport query never has to open the polygons.
 * Returns an inverted (Infinity) box for an empty geometry, which intersects nothing.
 */
export function bboxOf(geometry: AreaGeometry): Bbox {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

// WGS84 ellipsoid (CGCS2000 differs in the 11th significant digit of the flattening).
const SEMI_MAJOR_AXIS_M = 6_378_137;
const FLATTENING = 1 / 298.257223563;
const E2 = FLATTENING * (2 - FLATTENING);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/**
 * q(φ) of the authalic latitude (Snyder, Map Projections — A Working Manual, eq. 3-12).
 * (a²/2)·q(φ)·Δλ is the exact ellipsoid area between the equator and latitude φ over a
 * longitude span Δλ, so y = a·q/2 with x = a·λ is an equal-area map of the ellipsoid.
 */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/** Unsigned area of one ring in m², by the shoelace formula in the equal-area map. */
function ringAreaSquareMeters(ring: Ring): number {
  const first = ring[0];
  if (first === undefined || ring.length < 3) return 0;
  // Shoelace about the ring's first vertex: the products are of small differences, which
  // keeps the area of a thin sliver accurate instead of cancelling out to noise.
  const lon0 = first[0];
  const q0 = authalicQ(first[1]);
  let twiceArea = 0;
  let prevX = 0;
  let prevY = 0;
  for (let i = 1; i < ring.length; i++) {
    const position = ring[i] as Ring[number];
    const x = (position[0] - lon0) * DEG;
    const y = authalicQ(position[1]) - q0;
    twiceArea += prevX * y - x * prevY;
    prevX = x;
    prevY = y;
  }
  return Math.abs(twiceArea) * 0.5 * SEMI_MAJOR_AXIS_M * SEMI_MAJOR_AXIS_M * 0.5;
}

/**
 * Area in square metres on the WGS84 ellipsoid (holes subtracted, parts added), for grid
 * sizing and for telling floating-point slivers from real coverage faults.
 *
 * Method: every vertex goes through the Lambert cylindrical equal-area projection of the
 * ellipsoid (x = a·λ, y = a·q(φ)/2), where the shoelace formula gives true ellipsoid area.
 * The only approximation is that each edge is taken as straight in that projection rather
 * than as a geodesic: for edges of a few kilometres at Jiangyin's latitude the difference
 * is far below a square metre per kilometre of edge, much smaller than survey error.
 * Ring orientation is ignored, so input from any source (RFC 7946 or not) measures the same.
 */
export function areaSquareMeters(geometry: AreaGeometry): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      const area = ringAreaSquareMeters(ring);
      total += index === 0 ? area : -area;
    });
  }
  return total;
}
