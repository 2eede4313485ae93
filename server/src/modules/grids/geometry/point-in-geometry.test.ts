import { describe, expect, it } from 'vitest';
import { pointInGeometry } from './point-in-geometry.js';
import type { AreaGeometry, Ring } from './types.js';

function square(lon: number, lat: number, size: number): Ring {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

describe('pointInGeometry', () => {
  const withHole: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };

  it('finds points inside the shell and outside the hole', () => {
    expect(pointInGeometry([1, 1], withHole)).toBe(true);
    expect(pointInGeometry([8, 5], withHole)).toBe(true);
    expect(pointInGeometry([5, 5], withHole)).toBe(false); // in the hole
    expect(pointInGeometry([11, 5], withHole)).toBe(false);
    expect(pointInGeometry([-1, 5], withHole)).toBe(false);
    expect(pointInGeometry([5, 10.5], withHole)).toBe(false);
  });

  it('accepts any part of a multipolygon, including an island inside another part’s hole', () => {
    const geometry: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 10), square(3, 3, 4)], [square(4, 4, 2)], [square(20, 0, 1)]],
    };
    expect(pointInGeometry([5, 5], geometry)).toBe(true); // the island
    expect(pointInGeometry([3.5, 3.5], geometry)).toBe(false); // hole, off the island
    expect(pointInGeometry([20.5, 0.5], geometry)).toBe(true);
    expect(pointInGeometry([15, 0.5], geometry)).toBe(false);
  });

  it('counts a ray through a vertex once (concave ring with vertices level with the point)', () => {
    // A "W" shape: its lower vertices at lat 0 and upper notches at lat 2 line up with test rays.
    const w: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [3, 2],
          [4, 0],
          [6, 0],
          [6, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    expect(pointInGeometry([1, 2], w)).toBe(true); // ray passes through the vertex (3, 2)
    expect(pointInGeometry([3, 1], w)).toBe(false); // inside the notch
    expect(pointInGeometry([3, 3], w)).toBe(true);
    expect(pointInGeometry([5, 2], w)).toBe(true);
  });

  it('gives a point on an edge shared by two neighbouring grids to exactly one of them', () => {
    const west: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
    const east: AreaGeometry = { type: 'Polygon', coordinates: [square(1, 0, 1)] };
    for (const lat of [0.1, 0.25, 0.5, 0.9]) {
      const owners = [west, east].filter((g) => pointInGeometry([1, lat], g));
      expect(owners).toHaveLength(1);
    }
  });

  it('works without an explicit closing position', () => {
    const open: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [0, 4],
        ],
      ],
    };
    expect(pointInGeometry([1, 1], open)).toBe(true);
    expect(pointInGeometry([3, 3], open)).toBe(false);
  });
});
