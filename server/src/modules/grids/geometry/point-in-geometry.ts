import { type AreaGeometry, type Position, polygonsOf, type Ring } from './types.js';

/**
 * Whether the rings of one polygon enclose a point, by even-odd ray casting towards +lon.
 * Holes need no special case: a point inside a hole crosses both the hole and the shell.
 *
 * The crossing test is half-open in latitude (`(lat1 > lat) !== (lat2 > lat)`), so a ray
 * through a vertex counts once, and a point on an edge shared by two neighbouring grids
 * is inside at most one of them in the usual case. Exact boundary ownership is not
 * promised: the crossing longitude is a rounded quotient.
 * GridIndex repeats this expression on flat arrays; keep the two identical.
 */
function polygonContains(lon: number, lat: number, polygon: Ring[]): boolean {
  let inside = false;
  for (const ring of polygon) {
    const n = ring.length;
    if (n === 0) continue;
    let [lonJ, latJ] = ring[n - 1] as Position;
    for (let i = 0; i < n; i++) {
      const [lonI, latI] = ring[i] as Position;
      if (latI > lat !== latJ > lat && lon < ((lonJ - lonI) * (lat - latI)) / (latJ - latI) + lonI) {
        inside = !inside;
      }
      lonJ = lonI;
      latJ = latI;
    }
  }
  return inside;
}

/**
 * Exact point-in-polygon for grid boundaries, holes and multi-part grids included. It is
 * the reference the fast GridIndex is tested against, and the check to use when only
 * one grid is in question (e.g. "is this patrol point inside my grid?").
 */
export function pointInGeometry(point: Position, geometry: AreaGeometry): boolean {
  const [lon, lat] = point;
  for (const polygon of polygonsOf(geometry)) {
    if (polygonContains(lon, lat, polygon)) return true;
  }
  return false;
}
