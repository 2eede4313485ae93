import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import { areaSquareMeters, bboxOf } from './measure';
import { type AreaGeometry, polygonsOf, type Ring, toAreaGeometry } from './types';

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
   * (smaller than a parking space), so no genuine gap or overlap hides under it.
   */
  toleranceSquareMeters?: number;
}

type Polygons = Ring[][];

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
 * Inputs must be valid (see validateGeometry); polygon-clipping throws on some broken rings.
 */
export function findCoverageFaults(
  parent: AreaGeometry,
  children: readonly CoverageChild[],
  options: CoverageOptions = {},
): CoverageFaults {
  const tolerance = options.toleranceSquareMeters ?? 1;
  const parentPolygons = polygonsOf(parent);
  const childPolygons = children.map((child) => polygonsOf(child.geometry));

  const uncovered = childPolygons.length === 0 ? parentPolygons : polygonClipping.difference(parentPolygons, ...childPolygons);
  const gaps = significantPieces(uncovered, tolerance).polygons.map((polygon) => ({
    geometry: toAreaGeometry([polygon]),
    areaSquareMeters: areaSquareMeters({ type: 'Polygon', coordinates: polygon }),
  }));

  const outside: CoverageOutside[] = [];
  children.forEach((child, i) => {
    const pieces = significantPieces(polygonClipping.difference(childPolygons[i] as Polygons, parentPolygons), tolerance);
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
        const shared = polygonClipping.intersection(childPolygons[i] as Polygons, childPolygons[j] as Polygons);
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
