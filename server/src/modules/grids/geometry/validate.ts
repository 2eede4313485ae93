import { segmentContact } from './segments.js';
import type { AreaGeometry, Position, Ring } from './types.js';

/** Where in a geometry an issue is: polygon (0 for a Polygon), ring (0 = exterior), vertex. */
export interface RingLocation {
  polygonIndex: number;
  ringIndex: number;
}

/**
 * Why an imported boundary was refused, as codes the caller translates for the user.
 * Vertex indexes count positions in the ring as given (from 0), duplicates included, so
 * they point at the same place in the user's file.
 */
export type GeometryIssue =
  | { code: 'not-a-feature' }
  | { code: 'unsupported-geometry-type'; type: string }
  | { code: 'empty-geometry' }
  | ({ code: 'malformed-ring' } & RingLocation)
  | ({ code: 'invalid-position'; vertexIndex: number } & RingLocation)
  | ({ code: 'coordinate-out-of-range'; vertexIndex: number } & RingLocation)
  | ({ code: 'ring-too-short'; positions: number } & RingLocation)
  | ({ code: 'ring-not-closed' } & RingLocation)
  | ({ code: 'self-intersection'; vertexIndex: number; otherVertexIndex: number } & RingLocation)
  | ({
      code: 'ring-intersection';
      vertexIndex: number;
      otherRingIndex: number;
      otherVertexIndex: number;
    } & RingLocation);

export type GeometryValidation = { ok: true; geometry: AreaGeometry } | { ok: false; issues: GeometryIssue[] };

export interface ValidateOptions {
  /** Stop collecting after this many issues, so a garbage file cannot flood the response. */
  maxIssues?: number;
}

const DEFAULT_MAX_ISSUES = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the feature of an import file (GeoJSON Feature with a Polygon or MultiPolygon
 * geometry) before it may become a grid boundary. See `validateGeometry`.
 */
export function validateFeature(value: unknown, options: ValidateOptions = {}): GeometryValidation {
  if (!isRecord(value) || value.type !== 'Feature') return { ok: false, issues: [{ code: 'not-a-feature' }] };
  return validateGeometry(value.geometry, options);
}

/**
 * Checks an imported boundary so that only geometry the R-tree, the ray cast and
 * polygon-clipping handle correctly reaches the grid map: Polygon or MultiPolygon; every
 * position two or three finite numbers within lon ±180, lat ±90 (altitude is dropped);
 * every ring closed with at least four positions and three distinct vertices; no ring
 * crossing or touching itself, no two rings of a polygon crossing or overlapping along an
 * edge (a hole may touch its shell at a point, as in OGC Simple Features).
 *
 * Repeated consecutive positions are accepted and skipped, as many GIS exports (and our
 * own county outline) contain them. Not checked: whether holes lie inside their shell
 * and whether the parts of a MultiPolygon overlap — the coverage check finds overlaps.
 *
 * Returns the normalised geometry ([lon, lat] positions) or every issue found.
 */
export function validateGeometry(value: unknown, options: ValidateOptions = {}): GeometryValidation {
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  if (!isRecord(value)) return { ok: false, issues: [{ code: 'unsupported-geometry-type', type: typeof value }] };
  const { type, coordinates } = value;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { ok: false, issues: [{ code: 'unsupported-geometry-type', type: String(type) }] };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    return { ok: false, issues: [{ code: 'empty-geometry' }] };

  const issues: GeometryIssue[] = [];
  const report = (issue: GeometryIssue): boolean => {
    if (issues.length < maxIssues) issues.push(issue);
    return issues.length < maxIssues;
  };
  const rawPolygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  const polygons: Ring[][] = [];
  for (const [polygonIndex, rawPolygon] of rawPolygons.entries()) {
    if (!Array.isArray(rawPolygon) || rawPolygon.length === 0) {
      report({ code: 'malformed-ring', polygonIndex, ringIndex: 0 });
      continue;
    }
    const rings: Ring[] = [];
    for (const [ringIndex, rawRing] of rawPolygon.entries()) {
      const ring = readRing(rawRing, { polygonIndex, ringIndex }, report);
      if (ring !== undefined) rings.push(ring);
    }
    if (rings.length === rawPolygon.length) {
      findRingContacts(rings, polygonIndex, report);
      polygons.push(rings);
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const geometry: AreaGeometry =
    type === 'Polygon'
      ? { type: 'Polygon', coordinates: polygons[0] as Ring[] }
      : { type: 'MultiPolygon', coordinates: polygons };
  return { ok: true, geometry };
}

/** Reads and checks one ring; returns it only if it may go on to the intersection check. */
function readRing(rawRing: unknown, at: RingLocation, report: (issue: GeometryIssue) => boolean): Ring | undefined {
  if (!Array.isArray(rawRing)) {
    report({ code: 'malformed-ring', ...at });
    return undefined;
  }
  const ring: Ring = [];
  let valid = true;
  for (const [vertexIndex, raw] of rawRing.entries()) {
    if (
      !Array.isArray(raw) ||
      raw.length < 2 ||
      raw.length > 3 ||
      !raw.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      valid = false;
      if (!report({ code: 'invalid-position', vertexIndex, ...at })) return undefined;
      continue;
    }
    const [lon, lat] = raw as [number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      valid = false;
      if (!report({ code: 'coordinate-out-of-range', vertexIndex, ...at })) return undefined;
      continue;
    }
    ring.push([lon, lat]);
  }
  if (!valid) return undefined;
  let distinct = 0;
  ring.forEach((position, i) => {
    const previous = ring[i - 1];
    if (i === ring.length - 1 || previous === undefined || !samePosition(previous, position)) distinct++;
  });
  // `distinct` counts the closing position of a closed ring too; three distinct vertices + closing = 4.
  if (ring.length < 4 || distinct < 4) {
    report({ code: 'ring-too-short', positions: ring.length, ...at });
    return undefined;
  }
  if (!samePosition(ring[0] as Position, ring[ring.length - 1] as Position)) {
    report({ code: 'ring-not-closed', ...at });
    return undefined;
  }
  return ring;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

interface Edge {
  ring: number;
  /** Index of the edge among its ring's non-degenerate edges. */
  order: number;
  /** Index in the ring as given of the edge's start position. */
  vertex: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/**
 * Finds self-intersections and ring-to-ring crossings of one polygon by sort-and-sweep:
 * edges sorted by their west end, each compared only with the edges whose longitude span
 * overlaps its own. That is O(n log n + k) for k overlapping spans, which for real
 * boundaries (short edges, few of them sharing a longitude) stays close to n log n; the
 * worst case (many long edges stacked over one longitude band) is the O(n²) of the
 * all-pairs check, still well under a second for rings of a few thousand vertices.
 */
function findRingContacts(rings: Ring[], polygonIndex: number, report: (issue: GeometryIssue) => boolean): void {
  const edges: Edge[] = [];
  const edgeCounts: number[] = [];
  rings.forEach((ring, ringIndex) => {
    let order = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i] as Position;
      const [x2, y2] = ring[i + 1] as Position;
      if (x1 === x2 && y1 === y2) continue;
      edges.push({
        ring: ringIndex,
        order: order++,
        vertex: i,
        x1,
        y1,
        x2,
        y2,
        minX: Math.min(x1, x2),
        maxX: Math.max(x1, x2),
        minY: Math.min(y1, y2),
        maxY: Math.max(y1, y2),
      });
    }
    edgeCounts.push(order);
  });
  edges.sort((a, b) => a.minX - b.minX);

  for (let i = 0; i < edges.length; i++) {
    const a = edges[i] as Edge;
    for (let j = i + 1; j < edges.length; j++) {
      const b = edges[j] as Edge;
      if (b.minX > a.maxX) break;
      if (b.minY > a.maxY || b.maxY < a.minY) continue;
      const contact = segmentContact(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1, b.x2, b.y2);
      if (contact === 'none') continue;
      const [first, second] = a.ring < b.ring || (a.ring === b.ring && a.vertex < b.vertex) ? [a, b] : [b, a];
      let keepGoing = true;
      if (a.ring === b.ring) {
        const count = edgeCounts[a.ring] as number;
        const gap = Math.abs(a.order - b.order);
        const adjacent = gap === 1 || gap === count - 1;
        // Neighbouring edges share their common vertex; only folding back onto each other is wrong.
        if (!adjacent || contact === 'overlap') {
          keepGoing = report({
            code: 'self-intersection',
            polygonIndex,
            ringIndex: first.ring,
            vertexIndex: first.vertex,
            otherVertexIndex: second.vertex,
          });
        }
      } else if (contact !== 'touch') {
        keepGoing = report({
          code: 'ring-intersection',
          polygonIndex,
          ringIndex: first.ring,
          vertexIndex: first.vertex,
          otherRingIndex: second.ring,
          otherVertexIndex: second.vertex,
        });
      }
      if (!keepGoing) return;
    }
  }
}
