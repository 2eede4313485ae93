import type { FieldGrid } from '@yiwang/contracts';

type Ring = number[][];

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const polygonsOf = (geometry: FieldGrid['geometry']): Ring[][] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/**
 * Which of my grids a point is in, on the phone (offline too), to tell the worker before
 * sending. The server places the report itself with the whole grid map; this is only the
 * preview. Ray casting; a hole (inner ring) excludes.
 */
export function gridAtPoint<G extends Pick<FieldGrid, 'geometry'>>(
  grids: readonly G[],
  lon: number,
  lat: number,
): G | null {
  for (const grid of grids) {
    for (const [outer, ...holes] of polygonsOf(grid.geometry)) {
      if (outer && inRing(lon, lat, outer) && !holes.some((hole) => inRing(lon, lat, hole))) return grid;
    }
  }
  return null;
}
