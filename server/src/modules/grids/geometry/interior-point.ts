import { pointInGeometry } from './point-in-geometry.js';
import type { AreaGeometry, Position } from './types.js';

/**
 * A point well inside an area (not near its edges): the sample of a 15 × 15 lattice over
 * its box that lies inside and farthest from the outline. For demo data and tests that
 * need points a few dozen metres apart in the same grid.
 */
export function interiorPointOf(geometry: AreaGeometry): Position {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const points = rings.flat();
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const distanceToOutline = ([x, y]: Position) => {
    let best = Number.POSITIVE_INFINITY;
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i] as Position;
        const [bx, by] = ring[i + 1] as Position;
        const [dx, dy] = [(bx - ax) * k, by - ay];
        const [px, py] = [(x - ax) * k, y - ay];
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
      }
    }
    return best;
  };
  let chosen: Position | null = null;
  let chosenDistance = -1;
  for (let i = 1; i < 16; i++) {
    for (let j = 1; j < 16; j++) {
      const p: Position = [minLon + ((maxLon - minLon) * i) / 16, minLat + ((maxLat - minLat) * j) / 16];
      if (!pointInGeometry(p, geometry)) continue;
      const d = distanceToOutline(p);
      if (d > chosenDistance) [chosen, chosenDistance] = [p, d];
    }
  }
  if (!chosen) throw new Error('no interior point found');
  return chosen;
}

/** Moves a point `east` and `north` metres (small distances). */
export function offsetMeters([lon, lat]: Position, east: number, north: number): Position {
  return [lon + east / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + north / 111_320];
}
