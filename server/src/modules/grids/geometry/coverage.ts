import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import { areaSquareMeters, bboxOf } from './measure.js';
import { type AreaGeometry, polygonsOf, type Ring, toAreaGeometry } from './types.js';

export interface CoverageChild {
  code: string;
  geometry: AreaGeometry;
}

export interface CoverageGap {
  geometry: AreaGeometry;
  areaSquareMeters: number;
}

export interface CoverageOverlap {
  codes: [string, string];
  geometry: AreaGeometry;
  areaSquareMeters: number;
}

export interface CoverageOutside {
  code: string;
  geometry: AreaGeometry;
  areaSquareMeters: number;
}

export interface CoverageFaults {
  /** Parts of the parent no child covers. */
  gaps: CoverageGap[];
  /** Parts covered by two children (one entry per pair). */
  overlaps: CoverageOverlap[];
  /** Parts of a child outside the parent. */
  outside: CoverageOutside[];
}

export interface CoverageOptions {
  /**
   * Pieces smaller than this are floating-point slivers, not faults. Default 1 m².
   *
   * Neighbouring grids are clipped in separate operations, and each computes the same
   * edge crossings afresh; results may differ in the last bit (≈ 1e-14° ≈ 2 nm here). A
   * sliver that thin along a 10 km edge has an area of about 1e-5 m². One square metre is
   * orders of magnitude above that noise and still far below any real mapping mistake
   * (smaller than a parking space), so no genuine gap or overlap hides under it. It also
   * covers the snapping fallback of clipRobustly (at most about 0.05 m² per 10 km of edge).
   * With tolerance 0 every sliver is reported.
   */
  toleranceSquareMeters?: number;
}

type Polygons = Ring[][];

/**
 * Rounds every coordinate to a multiple of `step` degrees, so that vertices which differ
 * only by floating-point noise become identical.
 */
function snapped(polygons: Polygons, step: number): Polygons {
  return polygons.map((polygon) =>
    polygon.map((ring) => ring.map(([lon, lat]) => [Math.round(lon / step) * step, Math.round(lat / step) * step])),
  );
}

/**
 * Snapping grids tried when polygon-clipping fails on the exact input: 1e-11° and 1e-10°
 * (≈ 1 µm and 10 µm). A vertex moves at most half a step, so along even a 10 km edge the
 * area shifted stays around 0.05 m², far under the default tolerance.
 */
const SNAP_STEPS = [1e-11, 1e-10];

/**
 * Runs a clipping operation, retrying on snapped input when polygon-clipping gives up.
 * polygon-clipping 0.15 occasionally throws "Unable to complete output ring" on valid
 * input whose vertices nearly coincide — exactly what neighbouring grids clipped in
 * separate operations look like (mfogel/polygon-clipping#91, #139, #172). Snapping makes
 * those near-coincident vertices coincide, which it handles. `formulations` are
 * equivalent ways to compute the same result, each tried on the exact and snapped input.
 */
function clipRobustly(inputs: Polygons[], formulations: ((...inputs: Polygons[]) => Polygons)[]): Polygons {
  let failure: unknown;
  for (const step of [0, ...SNAP_STEPS]) {
    const prepared = step === 0 ? inputs : inputs.map((input) => snapped(input, step));
    for (const formulation of formulations) {
      try {
        return formulation(...prepared);
      } catch (error) {
        failure = error;
      }
    }
  }
  throw failure;
}

/** Splits a clipping result into pieces, keeping those at least as large as the tolerance. */
function significantPieces(result: Polygons, tolerance: number): { polygons: Polygons; area: number } {
  const polygons: Polygons = [];
  let area = 0;
  for (const polygon of result) {
    const pieceArea = areaSquareMeters({ type: 'Polygon', coordinates: polygon });
    if (pieceArea >= tolerance) {
      polygons.push(polygon);
      area += pieceArea;
    }
  }
  return { polygons, area };
}

/**
 * Checks that children tile their parent — base grids a community grid, community grids a
 * town grid, towns the county — which the grid standards require: every place belongs to
 * exactly one grid, so nothing may fall in a gap or in two grids at once.
 *
 * All clipping is polygon-clipping's (a Martinez–Rueda sweep): gaps are parent minus the
 * union of children, overlaps the pairwise intersection of children whose bounding boxes
 * meet (found with an R-tree, so the cost follows the neighbours, not n²), outside parts
 * each child minus the parent. Each result is split into its connected pieces and a
 * piece counts only if its area reaches the tolerance (see CoverageOptions).
 * Inputs must be valid (see validateGeometry). Throws only if polygon-clipping fails on
 * every equivalent formulation of an operation, exact and snapped (see clipRobustly).
 */
export function findCoverageFaults(
  parent: AreaGeometry,
  children: readonly CoverageChild[],
  options: CoverageOptions = {},
): CoverageFaults {
  const tolerance = options.toleranceSquareMeters ?? 1;
  const parentPolygons = polygonsOf(parent);
  const childPolygons = children.map((child) => polygonsOf(child.geometry));

  const uncovered =
    childPolygons.length === 0
      ? parentPolygons
      : clipRobustly(
          [parentPolygons, ...childPolygons],
          [
            (whole, ...parts) => polygonClipping.difference(whole as Polygons, ...parts),
            (whole, ...parts) =>
              parts.reduce((rest, part) => polygonClipping.difference(rest, part), whole as Polygons),
          ],
        );
  const gaps = significantPieces(uncovered, tolerance).polygons.map((polygon) => ({
    geometry: toAreaGeometry([polygon]),
    areaSquareMeters: areaSquareMeters({ type: 'Polygon', coordinates: polygon }),
  }));

  const outside: CoverageOutside[] = [];
  children.forEach((child, i) => {
    const own = childPolygons[i] as Polygons;
    const beyond = clipRobustly(
      [own, parentPolygons],
      [
        (part, whole) => polygonClipping.difference(part as Polygons, whole as Polygons),
        (part, whole) =>
          polygonClipping.difference(
            part as Polygons,
            polygonClipping.intersection(part as Polygons, whole as Polygons),
          ),
      ],
    );
    const pieces = significantPieces(beyond, tolerance);
    if (pieces.polygons.length > 0) {
      outside.push({ code: child.code, geometry: toAreaGeometry(pieces.polygons), areaSquareMeters: pieces.area });
    }
  });

  const overlaps: CoverageOverlap[] = [];
  if (children.length > 1) {
    const tree = new Flatbush(children.length);
    const boxes = children.map((child) => bboxOf(child.geometry));
    for (const [minLon, minLat, maxLon, maxLat] of boxes) tree.add(minLon, minLat, maxLon, maxLat);
    tree.finish();
    boxes.forEach(([minLon, minLat, maxLon, maxLat], i) => {
      const candidates = tree.search(minLon, minLat, maxLon, maxLat, (j) => j > i).sort((a, b) => a - b);
      for (const j of candidates) {
        const a = childPolygons[i] as Polygons;
        const b = childPolygons[j] as Polygons;
        const shared = clipRobustly(
          [a, b],
          [
            (x, y) => polygonClipping.intersection(x as Polygons, y as Polygons),
            (x, y) => polygonClipping.intersection(y as Polygons, x as Polygons),
          ],
        );
        const pieces = significantPieces(shared, tolerance);
        if (pieces.polygons.length === 0) continue;
        overlaps.push({
          codes: [(children[i] as CoverageChild).code, (children[j] as CoverageChild).code],
          geometry: toAreaGeometry(pieces.polygons),
          areaSquareMeters: pieces.area,
        });
      }
    });
  }

  return { gaps, overlaps, outside };
}

/** The parts of `after` not already in `before`, as significant pieces. */
function beyond(
  after: AreaGeometry[],
  before: AreaGeometry[],
  tolerance: number,
): { polygons: Polygons; area: number } {
  if (after.length === 0) return { polygons: [], area: 0 };
  const added = after.map(polygonsOf);
  const rest =
    before.length === 0
      ? clipRobustly(added, [(first, ...others) => polygonClipping.union(first as Polygons, ...others)])
      : clipRobustly(
          [added.flat(), ...before.map(polygonsOf)],
          [
            (whole, ...parts) => polygonClipping.difference(whole as Polygons, ...parts),
            (whole, ...parts) =>
              parts.reduce((left, part) => polygonClipping.difference(left, part), whole as Polygons),
          ],
        );
  return significantPieces(rest, tolerance);
}

/**
 * The coverage faults a change creates: those of the map after it, less what was already
 * faulty before (a gap that only grew counts by what it grew). `before` is null when the
 * parent had no children: its coverage was not begun, so an import that starts it opens no
 * gap (a community's base grids may come in several files), though overlaps and parts
 * outside still count. Pure, like findCoverageFaults.
 */
export function coverageFaultsCreated(
  before: CoverageFaults | null,
  after: CoverageFaults,
  options: CoverageOptions = {},
): CoverageFaults {
  const tolerance = options.toleranceSquareMeters ?? 1;
  const pieces = (found: { polygons: Polygons; area: number }) =>
    found.polygons.length === 0 ? null : { geometry: toAreaGeometry(found.polygons), areaSquareMeters: found.area };

  const gaps: CoverageGap[] = [];
  if (before) {
    const grown = beyond(
      after.gaps.map((g) => g.geometry),
      before.gaps.map((g) => g.geometry),
      tolerance,
    );
    for (const polygon of grown.polygons) {
      gaps.push({
        geometry: toAreaGeometry([polygon]),
        areaSquareMeters: areaSquareMeters({ type: 'Polygon', coordinates: polygon }),
      });
    }
  }
  const samePair = (a: [string, string], b: [string, string]) =>
    (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);
  const overlaps: CoverageOverlap[] = [];
  for (const overlap of after.overlaps) {
    const old = (before?.overlaps ?? []).filter((o) => samePair(o.codes, overlap.codes)).map((o) => o.geometry);
    const created = pieces(beyond([overlap.geometry], old, tolerance));
    if (created) overlaps.push({ codes: overlap.codes, ...created });
  }
  const outside: CoverageOutside[] = [];
  for (const part of after.outside) {
    const old = (before?.outside ?? []).filter((o) => o.code === part.code).map((o) => o.geometry);
    const created = pieces(beyond([part.geometry], old, tolerance));
    if (created) outside.push({ code: part.code, ...created });
  }
  return { gaps, overlaps, outside };
}

/** One area made of several (a region drawn from all its grids); a single one is returned as it is. */
export function mergeAreas(areas: readonly AreaGeometry[]): AreaGeometry | null {
  const [first, ...rest] = areas;
  if (!first) return null;
  if (rest.length === 0) return first;
  const merged = clipRobustly(areas.map(polygonsOf), [
    (head, ...tail) => polygonClipping.union(head as Polygons, ...tail),
  ]);
  return merged.length > 0 ? toAreaGeometry(merged) : null;
}
