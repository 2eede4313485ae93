import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../platform/seeded-random.js';
import { buildDemoGridMap } from '../demo-grid-map.js';
import { GridIndex } from './grid-index.js';
import { pointInGeometry } from './point-in-geometry.js';
import { type AreaGeometry, polygonsOf, type Ring } from './types.js';

function square(lon: number, lat: number, size: number): Ring {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

describe('GridIndex', () => {
  it('resolves points to the grid containing them, holes and islands included', () => {
    const index = new GridIndex([
      { code: 'ring', geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] } },
      { code: 'island', geometry: { type: 'Polygon', coordinates: [square(4, 4, 2)] } },
      { code: 'two-parts', geometry: { type: 'MultiPolygon', coordinates: [[square(10, 0, 5)], [square(20, 0, 5)]] } },
    ]);
    expect(index.size).toBe(3);
    expect(index.lookup(1, 1)).toBe('ring');
    expect(index.lookup(5, 5)).toBe('island');
    expect(index.lookup(3.5, 3.5)).toBeUndefined(); // in the hole, off the island
    expect(index.lookup(12, 2)).toBe('two-parts');
    expect(index.lookup(22, 2)).toBe('two-parts');
    expect(index.lookup(17, 2)).toBeUndefined(); // between the parts, inside their joint bbox
    expect(index.lookup(-5, -5)).toBeUndefined();
  });

  it('answers undefined when empty', () => {
    expect(new GridIndex([]).lookup(120, 31)).toBeUndefined();
  });

  it('agrees with a brute-force loop over all 1558 demo base grids on 100 000 random points', () => {
    const map = buildDemoGridMap();
    const baseGrids = map.grids.filter((grid) => grid.level === 3);
    expect(baseGrids.length).toBeGreaterThan(1500);
    const index = new GridIndex(baseGrids);

    // The reference: every grid, tested with pointInGeometry. Its own bounding boxes (an
    // exact filter: no point outside a box is inside the polygon) keep it to seconds.
    const boxes = Float64Array.from(baseGrids.flatMap(({ geometry }) => ownBbox(geometry)));
    const bruteForce = (lon: number, lat: number): string[] => {
      const codes: string[] = [];
      for (let i = 0; i < baseGrids.length; i++) {
        const b = i * 4;
        if (lon < (boxes[b] as number) || lat < (boxes[b + 1] as number)) continue;
        if (lon > (boxes[b + 2] as number) || lat > (boxes[b + 3] as number)) continue;
        const grid = baseGrids[i] as (typeof baseGrids)[number];
        if (pointInGeometry([lon, lat], grid.geometry)) codes.push(grid.code);
      }
      return codes;
    };

    const [minLon, minLat, maxLon, maxLat] = ownBbox(map.countyGeometry);
    const random = createSeededRandom(20240601);
    const disagreements: { lon: number; lat: number; expected: string[]; actual: string | undefined }[] = [];
    const uncoveredInCounty: [number, number][] = [];
    let resolved = 0;
    let ambiguous = 0;
    for (let n = 0; n < 100_000; n++) {
      const lon = minLon + random() * (maxLon - minLon);
      const lat = minLat + random() * (maxLat - minLat);
      const expected = bruteForce(lon, lat);
      const actual = index.lookup(lon, lat);
      const agrees = expected.length === 0 ? actual === undefined : actual !== undefined && expected.includes(actual);
      if (!agrees) disagreements.push({ lon, lat, expected, actual });
      if (expected.length > 0) resolved++;
      if (expected.length > 1) ambiguous++;
      // No gaps: a point in the county is in some base grid.
      if (expected.length === 0 && pointInGeometry([lon, lat], map.countyGeometry)) uncoveredInCounty.push([lon, lat]);
    }
    expect(disagreements).toEqual([]);
    expect(uncoveredInCounty).toEqual([]);
    // The county fills about half of its bounding box; grids overlap only in slivers.
    expect(resolved).toBeGreaterThan(40_000);
    expect(ambiguous).toBe(0);
  });
});

function ownBbox(geometry: AreaGeometry): [number, number, number, number] {
  const lons: number[] = [];
  const lats: number[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0] ?? []) {
      lons.push(lon);
      lats.push(lat);
    }
  }
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
