import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { jiangyinOutline, type RegionTreeSource, jiangyinRegionTree as regionTree } from '../regions/index.js';
import { areaSquareMeters, bboxOf } from './geometry/measure.js';
import { pointInGeometry } from './geometry/point-in-geometry.js';
import { type AreaGeometry, type Position, polygonsOf, type Ring, toAreaGeometry } from './geometry/types.js';

/**
 * A deterministic demo grid map of 江阴市 (320281): one level-1 grid per town/street
 * (21), one level-2 grid per village/community (282) and about 1558 level-3 base grids,
 * the count of Jiangyin's real base grids. Real grid boundaries are not public, so the
 * shapes are invented: seeded Voronoi cells clipped to their parent, nested so that each
 * level tiles the one above exactly. Everything else in the demo (households, cases,
 * patrols) hangs off these grids, so the same seed must give the same map on every run.
 */

export type GridLevel = 1 | 2 | 3;

export interface DemoGrid {
  /**
   * Grid code, after CJ/T 349-2010 (region codes followed by a 2-digit grid sequence):
   * - level 1: town code + '000' (12 digits; the community slot 000 is never a community);
   * - level 2: community code + '00' (14 digits; sequence 00 = the community as a whole);
   * - level 3: community code + 2-digit sequence 01–99, numbered north→south, west→east.
   */
  code: string;
  name: string;
  nameEn: string;
  level: GridLevel;
  /** Code of the enclosing grid; null for level 1 (the county is a region, not a grid). */
  parentCode: string | null;
  /** The town (level 1) or village/community (levels 2 and 3) the grid belongs to. */
  regionCode: string;
  geometry: AreaGeometry;
  /** Levels 1 and 2: sums over their base grids. */
  households: number;
  people: number;
}

export interface DemoGridMap {
  countyCode: string;
  /** The county boundary the level-1 grids tile (see `countyGeometryOf`). */
  countyGeometry: AreaGeometry;
  /** Level 1, then level 2, then level 3; by code within a level. */
  grids: DemoGrid[];
}

export interface DemoGridMapOptions {
  /** PRNG seed; the same seed gives the same map. */
  seed?: number;
  /** Total number of level-3 base grids; spread over communities by area, 1–99 each. */
  baseGridCount?: number;
}

/** The sizing standard for a base grid in Jiangyin: 200–300 households, 600–900 people. */
export const baseGridStandard = {
  households: { min: 200, max: 300 },
  people: { min: 600, max: 900 },
} as const;

const DEFAULT_SEED = 320281;
const DEFAULT_BASE_GRID_COUNT = 1558;
/** Share of base grids deliberately outside the standard, so sizing warnings have something to show. */
const OFF_STANDARD_SHARE = 0.03;
/** CJ/T 349's grid sequence has two digits. */
const MAX_BASE_GRIDS_PER_COMMUNITY = 99;

type Polygons = Ring[][];
type Random = () => number;

/**
 * The county boundary used for the demo. The extracted outline is quantised to 1/1024°
 * and its ring crosses itself in a few places; normalising it with a union leaves the
 * county plus seven specks of 0.5–1 ha pinched off at single points and two pin-holes.
 * The demo keeps the exterior of the main part, so every town is one contiguous area.
 */
export function countyGeometryOf(outline: AreaGeometry): AreaGeometry {
  const parts = polygonClipping.union(polygonsOf(outline));
  let main: Ring | undefined;
  let mainArea = -1;
  for (const polygon of parts) {
    const exterior = polygon[0];
    if (exterior === undefined) continue;
    const area = areaSquareMeters({ type: 'Polygon', coordinates: [exterior] });
    if (area > mainArea) {
      main = exterior;
      mainArea = area;
    }
  }
  if (main === undefined) throw new Error('county outline is empty');
  return { type: 'Polygon', coordinates: [main] };
}

/**
 * Builds the demo grid map of Jiangyin from the bundled region tree and outline. Pure
 * and deterministic: no I/O, no clock, randomness only from the seeded PRNG.
 *
 * How: for each level, seeds are drawn inside the parent, spread evenly by a few rounds of
 * Lloyd relaxation (centroids estimated from random sample points), turned into Voronoi
 * cells (d3-delaunay, in a local equirectangular plane so cells are not stretched east–
 * west) and intersected with the parent (polygon-clipping). Neighbouring cells share
 * their Voronoi vertices bit for bit, so siblings tile the parent with nothing but
 * floating-point slivers along the parent's own boundary. A cell the parent's concave
 * boundary cuts in two keeps its largest part; the others join the neighbour they share
 * the longest edge with, so grids are contiguous.
 */
export function buildDemoGridMap(options: DemoGridMapOptions = {}): DemoGridMap {
  const random = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const baseGridCount = options.baseGridCount ?? DEFAULT_BASE_GRID_COUNT;
  const county = countyGeometryOf(jiangyinOutline as AreaGeometry);
  const [, minLat, , maxLat] = bboxOf(county);
  const plane = localPlaneAt((minLat + maxLat) / 2);

  const towns = [...regionTree.towns].sort((a, b) => a.code.localeCompare(b.code));
  const townCells = tileArea(polygonsOf(county), towns.length, random, 10, plane);

  const level1: DemoGrid[] = [];
  const level2: DemoGrid[] = [];
  const communityCells: { community: RegionTreeSource['communities'][number]; polygons: Polygons }[] = [];
  towns.forEach((town, townIndex) => {
    const townPolygons = townCells[townIndex] as Polygons;
    level1.push({
      code: `${town.code}000`,
      name: town.name,
      nameEn: town.nameEn,
      level: 1,
      parentCode: null,
      regionCode: town.code,
      geometry: toAreaGeometry(townPolygons),
      households: 0,
      people: 0,
    });
    const communities = regionTree.communities
      .filter((community) => community.townCode === town.code)
      .sort((a, b) => a.code.localeCompare(b.code));
    const cells = tileArea(townPolygons, communities.length, random, 6, plane);
    communities.forEach((community, i) => {
      const polygons = cells[i] as Polygons;
      communityCells.push({ community, polygons });
      level2.push({
        code: `${community.code}00`,
        name: shortCommunityName(community.name),
        nameEn: community.nameEn,
        level: 2,
        parentCode: `${town.code}000`,
        regionCode: community.code,
        geometry: toAreaGeometry(polygons),
        households: 0,
        people: 0,
      });
    });
  });

  const counts = apportion(
    communityCells.map(({ polygons }) => areaSquareMeters(toAreaGeometry(polygons))),
    baseGridCount,
    1,
    MAX_BASE_GRIDS_PER_COMMUNITY,
  );
  const level3: DemoGrid[] = [];
  communityCells.forEach(({ community, polygons }, i) => {
    const cells = tileArea(polygons, counts[i] as number, random, 4, plane);
    const shortName = shortCommunityName(community.name);
    cells.forEach((cell, k) => {
      const sequence = k + 1;
      level3.push({
        code: `${community.code}${String(sequence).padStart(2, '0')}`,
        name: `${shortName}第${sequence}网格`,
        nameEn: `${community.nameEn} Grid ${sequence}`,
        level: 3,
        parentCode: `${community.code}00`,
        regionCode: community.code,
        geometry: toAreaGeometry(cell),
        households: 0,
        people: 0,
      });
    });
  });

  assignPopulation(level3, random);
  const byCode = new Map([...level1, ...level2].map((grid) => [grid.code, grid]));
  for (const grid of level3) {
    const community = byCode.get(grid.parentCode as string) as DemoGrid;
    const town = byCode.get(community.parentCode as string) as DemoGrid;
    community.households += grid.households;
    community.people += grid.people;
    town.households += grid.households;
    town.people += grid.people;
  }

  const byCodeOrder = (a: DemoGrid, b: DemoGrid) => a.code.localeCompare(b.code);
  return {
    countyCode: regionTree.county.code,
    countyGeometry: county,
    grids: [...level1.sort(byCodeOrder), ...level2.sort(byCodeOrder), ...level3.sort(byCodeOrder)],
  };
}

/**
 * Grids are named after the place, not its committee:
 * '文定社区居委会' → '文定社区', '黄桥村村委会' → '黄桥村', '常泽桥村委会' → '常泽桥村'.
 */
function shortCommunityName(name: string): string {
  return name.replace(/社区居(?:民委员|委)会$/, '社区').replace(/村?村(?:民委员|委)会$/, '村');
}

/**
 * Households and people per base grid: mostly inside the standard, plus a fixed share
 * (half too large, half too small) chosen by the PRNG.
 */
function assignPopulation(baseGrids: DemoGrid[], random: Random): void {
  const offStandard = Math.round(baseGrids.length * OFF_STANDARD_SHARE);
  const order = shuffle(
    baseGrids.map((_, i) => i),
    random,
  );
  const kind = new Map<number, 'large' | 'small'>();
  order.slice(0, offStandard).forEach((index, k) => {
    kind.set(index, k % 2 === 0 ? 'large' : 'small');
  });
  baseGrids.forEach((grid, i) => {
    const size = kind.get(i);
    if (size === 'large') {
      grid.households = 330 + Math.floor(random() * 151);
      grid.people = Math.round(grid.households * (2.9 + 0.2 * random()));
    } else if (size === 'small') {
      grid.households = 60 + Math.floor(random() * 111);
      grid.people = Math.round(grid.households * (2.9 + 0.2 * random()));
    } else {
      // 205–295 households at 2.95–3.05 people each stays within 600–900 people.
      grid.households = 205 + Math.floor(random() * 91);
      grid.people = Math.round(grid.households * (2.95 + 0.1 * random()));
    }
  });
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Splits `total` into integers proportional to `weights`, each within [min, max]
 * (largest-remainder method, repeated while a bound binds).
 */
function apportion(weights: number[], total: number, min: number, max: number): number[] {
  if (total < weights.length * min || total > weights.length * max) {
    throw new Error(`cannot split ${total} into ${weights.length} parts of ${min}–${max}`);
  }
  const result: (number | undefined)[] = weights.map(() => undefined);
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => result[i] === undefined);
    const fixed = result.reduce<number>((sum, n) => sum + (n ?? 0), 0);
    const remaining = total - fixed;
    const weightSum = free.reduce((sum, i) => sum + (weights[i] as number), 0);
    const quotas = free.map((i) => ((weights[i] as number) / weightSum) * remaining);
    const low = free.filter((_, k) => (quotas[k] as number) < min);
    const high = free.filter((_, k) => (quotas[k] as number) > max);
    if (low.length > 0 || high.length > 0) {
      for (const i of low) result[i] = min;
      for (const i of high) result[i] = max;
      continue;
    }
    const floors = quotas.map(Math.floor);
    let left = remaining - floors.reduce((sum, n) => sum + n, 0);
    const byRemainder = free
      .map((i, k) => ({ k, remainder: (quotas[k] as number) - (floors[k] as number), i }))
      .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
    for (const { k } of byRemainder) {
      if (left <= 0) break;
      floors[k] = (floors[k] as number) + 1;
      left--;
    }
    free.forEach((i, k) => {
      result[i] = floors[k] as number;
    });
    return result as number[];
  }
}

/**
 * Local equirectangular plane: x = lon·kx with kx = cos(lat₀), y = lat. Around Jiangyin
 * (±0.2° of latitude) distances in it are within 0.3 % of true, enough for Voronoi cells
 * to look round rather than stretched; it is linear, so straight edges stay straight.
 */
interface LocalPlane {
  kx: number;
}

function localPlaneAt(lat0: number): LocalPlane {
  return { kx: Math.cos((lat0 * Math.PI) / 180) };
}

/**
 * Splits a parent area into `count` contiguous cells (see buildDemoGridMap), ordered
 * north→south in bands, west→east within a band, the order grid sequences follow.
 */
function tileArea(parent: Polygons, count: number, random: Random, relaxations: number, plane: LocalPlane): Polygons[] {
  if (count <= 1) return count === 1 ? [parent] : [];
  const parentGeometry = toAreaGeometry(parent);
  const bbox = bboxOf(parentGeometry);
  let cells: Polygons[] | undefined;
  // polygon-clipping 0.15 now and then throws on nearly degenerate input
  // (mfogel/polygon-clipping#91); fresh seeds give a different diagram that it completes.
  for (let attempt = 1; cells === undefined; attempt++) {
    const samples = samplePoints(parentGeometry, bbox, Math.max(400, count * 40), random);
    let seeds = samples.slice(0, count);
    for (let round = 0; round < relaxations; round++) seeds = relax(seeds, samples, parentGeometry, plane);
    try {
      const clipped = voronoiCells(seeds, bbox, plane).map((cell) => polygonClipping.intersection(parent, cell));
      cells = mergeFragments(clipped, plane);
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  const bandHeight = Math.sqrt(((bbox[2] - bbox[0]) * plane.kx * (bbox[3] - bbox[1])) / count);
  const keyed = cells.map((polygons) => {
    const [x, y] = centroidOf(polygons, plane);
    return { polygons, band: Math.floor((bbox[3] - y) / bandHeight), x };
  });
  keyed.sort((a, b) => a.band - b.band || a.x - b.x);
  return keyed.map(({ polygons }) => polygons);
}

/** Uniform random points inside the parent, by rejection from its bounding box. */
function samplePoints(parent: AreaGeometry, bbox: number[], count: number, random: Random): Position[] {
  const [minLon, minLat, maxLon, maxLat] = bbox as [number, number, number, number];
  const points: Position[] = [];
  for (let tries = 0; points.length < count; tries++) {
    if (tries > count * 10_000) throw new Error('parent area too small to sample');
    const point: Position = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
    if (pointInGeometry(point, parent)) points.push(point);
  }
  return points;
}

/** One Lloyd step: each seed moves to the mean of the sample points nearest to it. */
function relax(seeds: Position[], samples: Position[], parent: AreaGeometry, plane: LocalPlane): Position[] {
  const delaunay = new Delaunay(Float64Array.from(seeds.flatMap(([lon, lat]) => [lon * plane.kx, lat])));
  const sums = seeds.map(() => ({ lon: 0, lat: 0, n: 0 }));
  let hint = 0;
  for (const [lon, lat] of samples) {
    hint = delaunay.find(lon * plane.kx, lat, hint);
    const sum = sums[hint] as { lon: number; lat: number; n: number };
    sum.lon += lon;
    sum.lat += lat;
    sum.n++;
  }
  return seeds.map((seed, i) => {
    const { lon, lat, n } = sums[i] as { lon: number; lat: number; n: number };
    const mean: Position = [lon / n, lat / n];
    // A concave parent can put the mean of a cell outside it; such a seed stays put.
    return n > 0 && pointInGeometry(mean, parent) ? mean : seed;
  });
}

/** Voronoi cells of the seeds as lon/lat rings, bounded by the parent's box plus a margin. */
function voronoiCells(seeds: Position[], bbox: number[], plane: LocalPlane): Polygons[] {
  const [minLon, minLat, maxLon, maxLat] = bbox as [number, number, number, number];
  const margin = Math.max(maxLon - minLon, maxLat - minLat) * 0.05;
  const delaunay = new Delaunay(Float64Array.from(seeds.flatMap(([lon, lat]) => [lon * plane.kx, lat])));
  const voronoi = delaunay.voronoi([
    (minLon - margin) * plane.kx,
    minLat - margin,
    (maxLon + margin) * plane.kx,
    maxLat + margin,
  ]);
  return seeds.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    // Dividing by kx maps every shared Voronoi vertex to the same lon/lat bits in both cells.
    return cell === null ? [] : [[cell.map(([x, y]) => [x / plane.kx, y] as Position)]];
  });
}

/** Area-weighted centroid in the local plane (x = lon·kx, y = lat). */
function centroidOf(polygons: Polygons, plane: LocalPlane): [number, number] {
  const origin = polygons[0]?.[0]?.[0];
  if (origin === undefined) return [0, 0];
  const [lon0, lat0] = origin;
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, ringIndex) => {
      let ringArea = 0;
      let ringMx = 0;
      let ringMy = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [lonA, latA] = ring[i] as Position;
        const [lonB, latB] = ring[i + 1] as Position;
        const xa = (lonA - lon0) * plane.kx;
        const ya = latA - lat0;
        const xb = (lonB - lon0) * plane.kx;
        const yb = latB - lat0;
        const cross = xa * yb - xb * ya;
        ringArea += cross;
        ringMx += (xa + xb) * cross;
        ringMy += (ya + yb) * cross;
      }
      // Exterior rings add, holes subtract, whatever their winding.
      const sign = (ringArea >= 0 ? 1 : -1) * (ringIndex === 0 ? 1 : -1);
      area += sign * ringArea;
      mx += sign * ringMx;
      my += sign * ringMy;
    });
  }
  if (area === 0) return [lon0 * plane.kx, lat0];
  return [mx / (3 * area) + lon0 * plane.kx, my / (3 * area) + lat0];
}

function perimeterOf(polygons: Polygons, plane: LocalPlane): number {
  let length = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [lonA, latA] = ring[i] as Position;
        const [lonB, latB] = ring[i + 1] as Position;
        length += Math.hypot((lonB - lonA) * plane.kx, latB - latA);
      }
    }
  }
  return length;
}

function boxesMeet(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) <= (b[2] as number) &&
    (b[0] as number) <= (a[2] as number) &&
    (a[1] as number) <= (b[3] as number) &&
    (b[1] as number) <= (a[3] as number)
  );
}

/**
 * Makes cells contiguous: every part of a cell but the largest moves to the neighbouring
 * cell it shares the longest edge with (half the drop in perimeter when merged). A part
 * touching no other cell (an island of the parent) stays where it is.
 */
function mergeFragments(input: Polygons[], plane: LocalPlane): Polygons[] {
  const cells = input.map((cell) => [...cell]);
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    cells.forEach((cell, i) => {
      if (cell.length <= 1) return;
      const parts = [...cell].sort(
        (a, b) =>
          areaSquareMeters({ type: 'Polygon', coordinates: b }) - areaSquareMeters({ type: 'Polygon', coordinates: a }),
      );
      const kept: Polygons = [parts[0] as Ring[]];
      for (const fragment of parts.slice(1)) {
        const fragmentBox = bboxOf({ type: 'Polygon', coordinates: fragment });
        const fragmentPerimeter = perimeterOf([fragment], plane);
        let best = -1;
        let bestShared = 0;
        let bestMerged: Polygons = [];
        cells.forEach((other, j) => {
          if (j === i || other.length === 0 || !boxesMeet(fragmentBox, bboxOf(toAreaGeometry(other)))) return;
          let merged: Polygons;
          try {
            merged = polygonClipping.union(other, [fragment]);
          } catch {
            return; // polygon-clipping#91: this neighbour is simply not a candidate
          }
          if (merged.length > other.length) return;
          const shared = (perimeterOf(other, plane) + fragmentPerimeter - perimeterOf(merged, plane)) / 2;
          if (shared > bestShared) {
            best = j;
            bestShared = shared;
            bestMerged = merged;
          }
        });
        if (best < 0) {
          kept.push(fragment);
        } else {
          cells[best] = bestMerged;
          moved = true;
        }
      }
      cells[i] = kept;
    });
    if (!moved) break;
  }
  return cells;
}

let demoMap: DemoGridMap | undefined;

/** The demo county's grid map (the default seed), built once: the grids', staffing's, cases' and patrols' demo data share it. */
export function demoGridMap(): DemoGridMap {
  demoMap ??= buildDemoGridMap();
  return demoMap;
}

/** 文定社区, where the demo's people work. */
const DEMO_COMMUNITY = '320281001001';

/** The base grid the demo account `gridworker` holds: the first of 文定社区. */
export function demoWorkerGrid(): DemoGrid | undefined {
  return demoGridMap().grids.find((g) => g.level === 3 && g.regionCode === DEMO_COMMUNITY);
}
