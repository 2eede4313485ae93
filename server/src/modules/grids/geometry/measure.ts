import { type AreaGeometry, type Bbox, type Position, polygonsOf, type Ring } from './types.js';

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
 * q(φ) of the authalic latitude (Snyder, Map Projections — A Working Manual, eq. 3-12):
 * (a²/2)·q(φ) is the area of the ellipsoid between the equator and latitude φ per radian
 * of longitude, so (a²/2)·q′(φ) dλ dφ is its area element in longitude/latitude.
 */
function authalicQ(latRad: number): number {
  const s = Math.sin(latRad);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

/** Longest latitude step (rad, ≈ 6 km) integrated by one Simpson panel. */
const MAX_PANEL_RAD = 1e-3;

/** Unsigned area of one ring in m². */
function ringAreaSquareMeters(ring: Ring): number {
  const first = ring[0];
  if (first === undefined || ring.length < 3) return 0;
  // Green's theorem: area = −∮ (a²/2)·q(φ) dλ along the boundary. q is taken relative to
  // the first vertex (the constant integrates to zero round a closed ring), so the sum is
  // of small differences and a thin sliver keeps its true, tiny area.
  const q0 = authalicQ(first[1] * DEG);
  let sum = 0;
  let [lonA, latA] = ring[ring.length - 1] as Position;
  let qA = authalicQ(latA * DEG) - q0;
  for (const [lonB, latB] of ring) {
    const qB = authalicQ(latB * DEG) - q0;
    const dLon = (lonB - lonA) * DEG;
    if (dLon !== 0) {
      // Mean of q along the edge (straight in lon/lat) by composite Simpson's rule.
      const panels = Math.max(1, Math.ceil((Math.abs(latB - latA) * DEG) / MAX_PANEL_RAD));
      let qMean: number;
      if (panels === 1) {
        qMean = (qA + 4 * (authalicQ(((latA + latB) / 2) * DEG) - q0) + qB) / 6;
      } else {
        let acc = qA + qB;
        const steps = panels * 2;
        for (let k = 1; k < steps; k++) {
          acc += (k % 2 === 1 ? 4 : 2) * (authalicQ((latA + ((latB - latA) * k) / steps) * DEG) - q0);
        }
        qMean = acc / (3 * steps);
      }
      sum += dLon * qMean;
    }
    lonA = lonB;
    latA = latB;
    qA = qB;
  }
  return Math.abs(sum) * SEMI_MAJOR_AXIS_M * SEMI_MAJOR_AXIS_M * 0.5;
}

/**
 * Area in square metres on the WGS84 ellipsoid (holes subtracted, parts added), for grid
 * sizing and for telling floating-point slivers from real coverage faults.
 *
 * Method: edges are straight lines in longitude/latitude — the same reading of GeoJSON
 * that the ray cast and polygon-clipping use — and the ellipsoid's exact area element is
 * integrated over that shape (Green's theorem with the authalic-latitude function q,
 * Simpson's rule along each edge, error far below 1 m² even for edges of tens of km).
 * Because the edge shape matches the clipping library's, area is additive: the pieces
 * of a split polygon add up to the whole, which the coverage check relies on.
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
