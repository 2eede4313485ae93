import { describe, expect, it } from 'vitest';
import outline from '../../regions/data/jiangyin-outline.json' with { type: 'json' };
import { countyGeometryOf } from '../demo-grid-map.js';
import type { AreaGeometry } from './types.js';
import { validateFeature, validateGeometry } from './validate.js';

const square: [number, number][] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];

function polygon(...rings: unknown[][]): unknown {
  return { type: 'Polygon', coordinates: rings };
}

function issuesOf(value: unknown): unknown[] {
  const result = validateGeometry(value);
  return result.ok ? [] : result.issues;
}

describe('validateGeometry', () => {
  it('accepts a valid polygon and returns it with altitudes dropped', () => {
    const result = validateGeometry(polygon(square.map(([x, y]) => [x, y, 12])));
    expect(result).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [square] } });
  });

  it('accepts a multipolygon, a hole, and a hole touching its shell at one point', () => {
    const hole = [
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
    ];
    const touchingHole = [
      [0, 2],
      [1, 3],
      [1, 1],
      [0, 2],
    ];
    const result = validateGeometry({
      type: 'MultiPolygon',
      coordinates: [[square, hole], [square.map(([x, y]) => [x + 10, y])]],
    });
    expect(result.ok).toBe(true);
    expect(issuesOf(polygon(square, touchingHole))).toEqual([]);
  });

  it('accepts repeated consecutive positions', () => {
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [4, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 4],
          [0, 0],
        ]),
      ),
    ).toEqual([]);
  });

  it('refuses what is not an area', () => {
    expect(issuesOf({ type: 'Point', coordinates: [1, 2] })).toEqual([
      { code: 'unsupported-geometry-type', type: 'Point' },
    ]);
    expect(issuesOf(null)).toEqual([{ code: 'unsupported-geometry-type', type: 'object' }]);
    expect(issuesOf({ type: 'Polygon', coordinates: [] })).toEqual([{ code: 'empty-geometry' }]);
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [[square], 'x'] })).toEqual([
      { code: 'malformed-ring', polygonIndex: 1, ringIndex: 0 },
    ]);
  });

  it('reports bad positions with their place', () => {
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [4, 0],
          ['4', 4],
          [0, 4],
          [0, 0],
        ]),
      ),
    ).toEqual([{ code: 'invalid-position', polygonIndex: 0, ringIndex: 0, vertexIndex: 2 }]);
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [4, Number.NaN],
          [4, 4],
          [0, 4],
          [0, 0],
        ]),
      ),
    ).toEqual([{ code: 'invalid-position', polygonIndex: 0, ringIndex: 0, vertexIndex: 1 }]);
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [181, 0],
          [4, 91],
          [0, 4],
          [0, 0],
        ]),
      ),
    ).toEqual([
      { code: 'coordinate-out-of-range', polygonIndex: 0, ringIndex: 0, vertexIndex: 1 },
      { code: 'coordinate-out-of-range', polygonIndex: 0, ringIndex: 0, vertexIndex: 2 },
    ]);
  });

  it('reports open and too short rings', () => {
    expect(issuesOf(polygon(square.slice(0, 4)))).toEqual([{ code: 'ring-not-closed', polygonIndex: 0, ringIndex: 0 }]);
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual([{ code: 'ring-too-short', polygonIndex: 0, ringIndex: 0, positions: 3 }]);
    // Four positions but only two distinct vertices.
    expect(
      issuesOf(
        polygon([
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual([{ code: 'ring-too-short', polygonIndex: 0, ringIndex: 0, positions: 4 }]);
  });

  it('reports a bow tie with the vertex indexes of both crossing edges', () => {
    const bowTie = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    expect(issuesOf(polygon(bowTie))).toEqual([
      { code: 'self-intersection', polygonIndex: 0, ringIndex: 0, vertexIndex: 0, otherVertexIndex: 2 },
    ]);
  });

  it('reports a ring that touches itself at a vertex, and a spike folding back on its edge', () => {
    const figureEight = [
      [0, 0],
      [2, 0],
      [2, 2],
      [4, 2],
      [4, 4],
      [2, 4],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(issuesOf(polygon(figureEight))).toContainEqual(expect.objectContaining({ code: 'self-intersection' }));
    const spike = [
      [0, 0],
      [4, 0],
      [6, 0],
      [5, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ];
    expect(issuesOf(polygon(spike))).toContainEqual(
      expect.objectContaining({ code: 'self-intersection', vertexIndex: 1, otherVertexIndex: 2 }),
    );
  });

  it('reports a hole that crosses its shell', () => {
    const crossingHole = [
      [1, 1],
      [5, 1],
      [5, 2],
      [1, 2],
      [1, 1],
    ];
    expect(issuesOf(polygon(square, crossingHole))).toContainEqual(
      expect.objectContaining({ code: 'ring-intersection', ringIndex: 0, otherRingIndex: 1 }),
    );
  });

  it('finds the places where the extracted 江阴市 outline crosses itself, and passes the cleaned county', () => {
    const issues = issuesOf(outline.geometry);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => (issue as { code: string }).code === 'self-intersection')).toBe(true);
    expect(validateGeometry(countyGeometryOf(outline.geometry as AreaGeometry)).ok).toBe(true);
  });

  it('stops collecting at maxIssues', () => {
    const ring = Array.from({ length: 50 }, (_, i) => [i, i % 2 === 0 ? 0 : 200]);
    const result = validateGeometry(polygon(ring), { maxIssues: 3 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toHaveLength(3);
  });
});

describe('validateFeature', () => {
  it('requires a Feature and checks its geometry', () => {
    expect(validateFeature({ type: 'Feature', properties: {}, geometry: polygon(square) }).ok).toBe(true);
    expect(validateFeature(polygon(square))).toEqual({ ok: false, issues: [{ code: 'not-a-feature' }] });
    expect(validateFeature({ type: 'Feature', geometry: null })).toEqual({
      ok: false,
      issues: [{ code: 'unsupported-geometry-type', type: 'object' }],
    });
  });
});
