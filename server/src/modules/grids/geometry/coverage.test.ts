import { describe, expect, it } from 'vitest';
import { coverageFaultsCreated, findCoverageFaults } from './coverage.js';
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

describe('coverageFaultsCreated', () => {
  const tiling = [
    { code: 'w', geometry: box(120.2, 31.8, 0.01, 0.02) },
    { code: 'e', geometry: box(120.21, 31.8, 0.01, 0.02) },
  ];
  const before = findCoverageFaults(parent, tiling);

  it('reports the gap a shrunk child opens, and nothing for a change that keeps the tiling', () => {
    const shrunk = [tiling[0] as (typeof tiling)[number], { code: 'e', geometry: box(120.21, 31.8, 0.01, 0.015) }];
    const created = coverageFaultsCreated(before, findCoverageFaults(parent, shrunk));
    expect(created.overlaps).toEqual([]);
    expect(created.outside).toEqual([]);
    expect(created.gaps).toHaveLength(1);
    expect(created.gaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(box(120.21, 31.815, 0.01, 0.005)), -1);
    // The border between the two moves, nothing is left uncovered.
    const moved = [
      { code: 'w', geometry: box(120.2, 31.8, 0.012, 0.02) },
      { code: 'e', geometry: box(120.212, 31.8, 0.008, 0.02) },
    ];
    expect(coverageFaultsCreated(before, findCoverageFaults(parent, moved))).toEqual({
      gaps: [],
      overlaps: [],
      outside: [],
    });
  });

  it('counts only what a change adds to a fault that was there before', () => {
    const gapped = [tiling[0] as (typeof tiling)[number], { code: 'e', geometry: box(120.21, 31.8, 0.01, 0.015) }];
    const wider = [tiling[0] as (typeof tiling)[number], { code: 'e', geometry: box(120.21, 31.8, 0.01, 0.01) }];
    const created = coverageFaultsCreated(findCoverageFaults(parent, gapped), findCoverageFaults(parent, wider));
    expect(created.gaps).toHaveLength(1);
    expect(created.gaps[0]?.areaSquareMeters).toBeCloseTo(areaSquareMeters(box(120.21, 31.81, 0.01, 0.005)), -1);
    expect(coverageFaultsCreated(findCoverageFaults(parent, gapped), findCoverageFaults(parent, gapped))).toEqual({
      gaps: [],
      overlaps: [],
      outside: [],
    });
  });

  it('reports overlaps and parts outside a grown child, and no gap where coverage was not begun', () => {
    const grown = [tiling[0] as (typeof tiling)[number], { code: 'e', geometry: box(120.205, 31.8, 0.02, 0.02) }];
    const created = coverageFaultsCreated(before, findCoverageFaults(parent, grown));
    expect(created.gaps).toEqual([]);
    expect(created.overlaps.map((o) => o.codes)).toEqual([['w', 'e']]);
    expect(created.outside.map((o) => o.code)).toEqual(['e']);
    const first = coverageFaultsCreated(null, findCoverageFaults(parent, [tiling[0] as (typeof tiling)[number]]));
    expect(first).toEqual({ gaps: [], overlaps: [], outside: [] });
  });
});
