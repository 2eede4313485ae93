import { describe, expect, it } from 'vitest';
import { findCoverageFaults } from './coverage.js';
import { areaSquareMeters } from './measure.js';
import type { AreaGeometry } from './types.js';

/** A lon/lat rectangle near Jiangyin, from its south-west corner and size in degrees. */
function box(lon: number, lat: number, dLon: number, dLat: number): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + dLon, lat],
        [lon + dLon, lat + dLat],
        [lon, lat + dLat],
        [lon, lat],
      ],
    ],
  };
}

const parent = box(120.2, 31.8, 0.02, 0.02);

describe('findCoverageFaults', () => {
  it('finds nothing when the children tile the parent', () => {
    const children = [
      { code: 'w', geometry: box(120.2, 31.8, 0.01, 0.02) },
      { code: 'ne', geometry: box(120.21, 31.81, 0.01, 0.01) },
      { code: 'se', geometry: box(120.21, 31.8, 0.01, 0.01) },
    ];
    expect(findCoverageFaults(parent, children)).toEqual({ gaps: [], overlaps: [], outside: [] });
  });

  it('reports an uncovered corner as a gap with its area', () => {
    const children = [
      { code: 'w', geometry: box(120.2, 31.8, 0.01, 0.02) },
      { code: 'se', geometry: box(120.21, 31.8, 0.01, 0.01) },
    ];
    const { gaps, overlaps, outside } = findCoverageFaults(parent, children);
    expect(overlaps).toEqual([]);
    expect(outside).toEqual([]);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(box(120.21, 31.81, 0.01, 0.01)), 0);
  });

  it('reports each overlapping pair once, with the shared area', () => {
    const children = [
      { code: 'a', geometry: box(120.2, 31.8, 0.012, 0.02) },
      { code: 'b', geometry: box(120.21, 31.8, 0.01, 0.02) },
    ];
    const { gaps, overlaps } = findCoverageFaults(parent, children);
    expect(gaps).toEqual([]);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.codes).toEqual(['a', 'b']);
    expect(overlaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(box(120.21, 31.8, 0.002, 0.02)), 0);
  });

  it('reports the part of a child beyond the parent', () => {
    const children = [
      { code: 'w', geometry: box(120.2, 31.8, 0.01, 0.02) },
      { code: 'e', geometry: box(120.21, 31.8, 0.015, 0.02) },
    ];
    const { outside } = findCoverageFaults(parent, children);
    expect(outside.map((o) => o.code)).toEqual(['e']);
    expect(outside[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(box(120.22, 31.8, 0.005, 0.02)), 0);
  });

  it('ignores slivers below the tolerance and reports them when asked for tolerance 0', () => {
    // The east child starts 1e-9° (≈ 0.1 mm) too far east: a 2.2 km × 0.1 mm gap, ≈ 0.2 m².
    const children = [
      { code: 'w', geometry: box(120.2, 31.8, 0.01, 0.02) },
      { code: 'e', geometry: box(120.210000001, 31.8, 0.009999999, 0.02) },
    ];
    expect(findCoverageFaults(parent, children).gaps).toEqual([]);
    const strict = findCoverageFaults(parent, children, { toleranceSquareMeters: 0 });
    expect(strict.gaps).toHaveLength(1);
    expect(strict.gaps[0]?.areaSquareMeters).toBeGreaterThan(0.1);
    expect(strict.gaps[0]?.areaSquareMeters).toBeLessThan(0.3);
  });

  it('reports the whole parent as a gap when there are no children', () => {
    const { gaps } = findCoverageFaults(parent, []);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(parent), 0);
  });
});
