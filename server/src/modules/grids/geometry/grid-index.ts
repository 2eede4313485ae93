import Flatbush from 'flatbush';
import { bboxOf } from './measure.js';
import { type AreaGeometry, polygonsOf } from './types.js';

/** One entry of a GridIndex: a grid (or any coded area) and its boundary. */
export interface IndexedArea {
  code: string;
  geometry: AreaGeometry;
}

/**
 * Point → grid resolution (`gridAt`) in process: every report, patrol point and imported
 * address goes through it, so it is built once from the grid map and answers without
 * touching the database.
 *
 * A static R-tree (flatbush) over the grids' bounding boxes narrows a point to the few
 * grids whose box holds it; an exact even-odd ray cast, the same rule as `pointInGeometry`,
 * then decides. Ring coordinates live in one flat Float64Array and the tree's filter
 * callback is created once, so a lookup allocates next to nothing and stops at the first
 * grid that contains the point. Grids of one level do not overlap, so "first" is "the".
 */
export class GridIndex {
  /** Number of indexed areas. */
  readonly size: number;
  private readonly codes: string[];
  private readonly tree: Flatbush | undefined;
  /** lon, lat of every ring vertex, rings back to back. */
  private readonly coordinates: Float64Array;
  /** End (exclusive, in vertices) of ring r within `coordinates`; ring r starts at the end of r − 1. */
  private readonly ringEnds: Uint32Array;
  /** End (exclusive, in rings) of polygon p. */
  private readonly polygonEnds: Uint32Array;
  /** End (exclusive, in polygons) of area i. */
  private readonly areaEnds: Uint32Array;
  private queryLon = 0;
  private queryLat = 0;
  private found = -1;
  private readonly acceptIfContains: (index: number) => boolean;

  constructor(areas: readonly IndexedArea[]) {
    this.size = areas.length;
    this.codes = areas.map((area) => area.code);

    let vertexCount = 0;
    let ringCount = 0;
    let polygonCount = 0;
    for (const { geometry } of areas) {
      for (const polygon of polygonsOf(geometry)) {
        polygonCount++;
        ringCount += polygon.length;
        for (const ring of polygon) vertexCount += ring.length;
      }
    }
    this.coordinates = new Float64Array(vertexCount * 2);
    this.ringEnds = new Uint32Array(ringCount);
    this.polygonEnds = new Uint32Array(polygonCount);
    this.areaEnds = new Uint32Array(areas.length);

    let vertex = 0;
    let ring = 0;
    let polygonIndex = 0;
    areas.forEach(({ geometry }, areaIndex) => {
      for (const polygon of polygonsOf(geometry)) {
        for (const positions of polygon) {
          for (const [lon, lat] of positions) {
            this.coordinates[vertex * 2] = lon;
            this.coordinates[vertex * 2 + 1] = lat;
            vertex++;
          }
          this.ringEnds[ring++] = vertex;
        }
        this.polygonEnds[polygonIndex++] = ring;
      }
      this.areaEnds[areaIndex] = polygonIndex;
    });

    if (areas.length > 0) {
      const tree = new Flatbush(areas.length);
      for (const { geometry } of areas) {
        const [minLon, minLat, maxLon, maxLat] = bboxOf(geometry);
        tree.add(minLon, minLat, maxLon, maxLat);
      }
      tree.finish();
      this.tree = tree;
    }

    this.acceptIfContains = (index) => {
      if (!this.contains(index, this.queryLon, this.queryLat)) return false;
      this.found = index;
      return true;
    };
  }

  /**
   * The code of the area containing the point, or undefined when the point lies in none
   * (outside the county, or in a gap the coverage check should have caught).
   */
  lookup(lon: number, lat: number): string | undefined {
    if (this.tree === undefined) return undefined;
    this.queryLon = lon;
    this.queryLat = lat;
    this.found = -1;
    this.tree.collides(lon, lat, lon, lat, this.acceptIfContains);
    return this.found < 0 ? undefined : this.codes[this.found];
  }

  /** Even-odd ray cast per polygon of area `index`; see `pointInGeometry` for the rule. */
  private contains(index: number, lon: number, lat: number): boolean {
    const { coordinates: xy, ringEnds, polygonEnds, areaEnds } = this;
    let polygon = index === 0 ? 0 : (areaEnds[index - 1] as number);
    const polygonEnd = areaEnds[index] as number;
    let ring = polygon === 0 ? 0 : (polygonEnds[polygon - 1] as number);
    for (; polygon < polygonEnd; polygon++) {
      const ringEnd = polygonEnds[polygon] as number;
      let inside = false;
      for (; ring < ringEnd; ring++) {
        const start = ring === 0 ? 0 : (ringEnds[ring - 1] as number);
        const end = ringEnds[ring] as number;
        if (start === end) continue;
        let lonJ = xy[(end - 1) * 2] as number;
        let latJ = xy[(end - 1) * 2 + 1] as number;
        for (let i = start * 2, stop = end * 2; i < stop; i += 2) {
          const lonI = xy[i] as number;
          const latI = xy[i + 1] as number;
          if (latI > lat !== latJ > lat && lon < ((lonJ - lonI) * (lat - latI)) / (latJ - latI) + lonI) {
            inside = !inside;
          }
          lonJ = lonI;
          latJ = latI;
        }
      }
      if (inside) return true;
    }
    return false;
  }
}
