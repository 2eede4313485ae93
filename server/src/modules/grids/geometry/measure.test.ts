import { describe, expect, it } from 'vitest';
import { areaSquareMeters, bboxOf } from './measure.js';
import type { AreaGeometry, Position, Ring } from './types.js';

const a = 6_378_137;
const f = 1 / 298.257223563;
const e2 = f * (2 - f);
const rad = Math.PI / 180;

/** Area of a small lon/lat rectangle from the ellipsoid's radii of curvature. */
function smallRectangleArea(lat: number, dLonDeg: number, dLatDeg: number): number {
  const s = Math.sin(lat * rad);
  const meridian = (a * (1 - e2)) / (1 - e2 * s * s) ** 1.5;
  const primeVertical = a / Math.sqrt(1 - e2 * s * s);
  return meridian * dLatDeg * rad * primeVertical * Math.cos(lat * rad) * dLonDeg * rad;
}

function rectangle(lon: number, lat: number, dLon: number, dLat: number): Ring {
  return [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ];
}

describe('bboxOf', () => {
  it('spans every part of a multipolygon', () => {
    const geometry: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[rectangle(120, 31, 0.1, 0.1)], [rectangle(120.5, 31.8, 0.2, 0.05)]],
    };
    expect(bboxOf(geometry)).toEqual([120, 31, 120.7, 31.85]);
  });
});

describe('areaSquareMeters', () => {
  it('gives one eighth of the WGS84 ellipsoid for the octant 0–90°E, 0–90°N', () => {
    const wgs84SurfaceArea = 510_065_621.724_089e6; // m², closed form for the WGS84 ellipsoid
    const octant = areaSquareMeters({ type: 'Polygon', coordinates: [rectangle(0, 0, 90, 90)] });
    expect(octant / (wgs84SurfaceArea / 8)).toBeCloseTo(1, 9);
  });

  it('matches the radii-of-curvature area of a 0.01° cell at Jiangyin to 1e-6', () => {
    const cell = areaSquareMeters({ type: 'Polygon', coordinates: [rectangle(120.3, 31.85, 0.01, 0.01)] });
    expect(cell / smallRectangleArea(31.855, 0.01, 0.01)).toBeCloseTo(1, 6);
    expect(cell).toBeGreaterThan(1_040_000); // ≈ 946 m × 1109 m
    expect(cell).toBeLessThan(1_060_000);
  });

  it('subtracts holes, adds parts and ignores ring orientation', () => {
    const outer = rectangle(120, 31.5, 0.1, 0.1);
    const hole = rectangle(120.02, 31.52, 0.02, 0.02);
    const whole = areaSquareMeters({ type: 'Polygon', coordinates: [outer] });
    const holeArea = areaSquareMeters({ type: 'Polygon', coordinates: [hole] });
    const withHole = areaSquareMeters({ type: 'Polygon', coordinates: [outer, [...hole].reverse()] });
    expect(withHole).toBeCloseTo(whole - holeArea, 3);
    expect(areaSquareMeters({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(whole, 6);
    const two = areaSquareMeters({ type: 'MultiPolygon', coordinates: [[outer], [rectangle(121, 31.5, 0.1, 0.1)]] });
    expect(two).toBeCloseTo(
      whole + areaSquareMeters({ type: 'Polygon', coordinates: [rectangle(121, 31.5, 0.1, 0.1)] }),
      3,
    );
  });

  it('is additive: the pieces of a polygon split along a long diagonal add up to the whole', () => {
    // Splitting inserts vertices on edges (T-junctions), as clipping does; an area formula
    // that bends edges (e.g. shoelace in an equal-area projection) would be off by m² here.
    const sw: Position = [120.0, 31.7];
    const se: Position = [120.3, 31.72];
    const ne: Position = [120.32, 31.95];
    const nw: Position = [120.01, 31.93];
    const onDiagonal = (t: number): Position => [sw[0] + (ne[0] - sw[0]) * t, sw[1] + (ne[1] - sw[1]) * t];
    const whole = areaSquareMeters({ type: 'Polygon', coordinates: [[sw, se, ne, nw, sw]] });
    const right = areaSquareMeters({
      type: 'Polygon',
      coordinates: [[sw, se, ne, onDiagonal(0.6), onDiagonal(0.25), sw]],
    });
    const left = areaSquareMeters({
      type: 'Polygon',
      coordinates: [[sw, onDiagonal(0.25), onDiagonal(0.6), ne, nw, sw]],
    });
    expect(Math.abs(left + right - whole)).toBeLessThan(1e-3);
  });

  it('keeps the tiny true area of a thin sliver instead of rounding noise', () => {
    // 10 km long, 1e-9° (≈ 0.1 mm) wide: about 1 m².
    const sliver = areaSquareMeters({
      type: 'Polygon',
      coordinates: [
        [
          [120.2, 31.8],
          [120.3, 31.8],
          [120.3, 31.800000001],
          [120.2, 31.8],
        ],
      ],
    });
    const expected = smallRectangleArea(31.8, 0.1, 0.000000001) / 2;
    expect(sliver / expected).toBeCloseTo(1, 4);
  });

  it('is zero for an empty or degenerate ring', () => {
    expect(areaSquareMeters({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
    expect(
      areaSquareMeters({
        type: 'Polygon',
        coordinates: [
          [
            [120, 31],
            [120.1, 31.1],
            [120, 31],
          ],
        ],
      }),
    ).toBe(0);
  });
});
