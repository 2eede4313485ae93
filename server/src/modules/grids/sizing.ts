import { type AreaGeometry, bboxOf, polygonsOf } from './geometry/index.js';

export interface SizingStandard {
  minHouseholds: number;
  maxHouseholds: number;
  minPeople: number;
  maxPeople: number;
  householdsPerWorker: number;
  peoplePerWorker: number;
}

/** Jiangyin's standard: a base grid holds 200–300 households or 600–900 people; one worker per 300 households or 1500 people. */
export const DEFAULT_SIZING_STANDARD: SizingStandard = {
  minHouseholds: 200,
  maxHouseholds: 300,
  minPeople: 600,
  maxPeople: 900,
  householdsPerWorker: 300,
  peoplePerWorker: 1500,
};

export interface SizedGrid {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  households: number;
  people: number;
  geometry: AreaGeometry;
}

export interface SizingAssessment {
  code: string;
  status: 'ok' | 'too-large' | 'too-small';
  splitInto: number | null;
  mergeInto: SizedGrid | null;
  workers: number;
  workersNeeded: number;
}

/**
 * The standard reads "households or people", so a grid meets it when either count is
 * within range; it is too large only when both exceed the maximum's spirit — more
 * households than the maximum and more people than the maximum — and too small when
 * both are under the minimum. (Enterprises count as households.)
 */
export function sizeStatus(g: { households: number; people: number }, s: SizingStandard): SizingAssessment['status'] {
  if (g.households > s.maxHouseholds && g.people > s.maxPeople) return 'too-large';
  if (g.households < s.minHouseholds && g.people < s.minPeople) return 'too-small';
  return 'ok';
}

const vertexKey = (lon: number, lat: number) => `${lon.toFixed(9)},${lat.toFixed(9)}`;

function vertexSet(geometry: AreaGeometry): Set<string> {
  const set = new Set<string>();
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon) for (const [lon, lat] of ring) set.add(vertexKey(lon, lat));
  return set;
}

const centre = (geometry: AreaGeometry): [number, number] => {
  const [a, b, c, d] = bboxOf(geometry);
  return [(a + c) / 2, (b + d) / 2];
};

/**
 * Siblings that share a boundary with `grid`: grids cut from one tiling share their
 * vertices exactly (two shared vertices = a shared edge). When none do — shapes from an
 * import drawn independently — the nearest sibling by box centre stands in.
 */
export function neighboursOf(grid: SizedGrid, siblings: readonly SizedGrid[]): SizedGrid[] {
  const own = vertexSet(grid.geometry);
  const others = siblings.filter((s) => s.code !== grid.code);
  const touching = others.filter((s) => {
    let shared = 0;
    for (const key of vertexSet(s.geometry)) if (own.has(key) && ++shared >= 2) return true;
    return false;
  });
  if (touching.length > 0) return touching;
  const [x, y] = centre(grid.geometry);
  const nearest = [...others].sort((p, q) => {
    const [px, py] = centre(p.geometry);
    const [qx, qy] = centre(q.geometry);
    return (px - x) ** 2 + (py - y) ** 2 - ((qx - x) ** 2 + (qy - y) ** 2);
  })[0];
  return nearest ? [nearest] : [];
}

/**
 * Sizing report for base grids: which to split (and into how many), which to merge
 * (into the neighbour with the fewest households, so the merged grid is the least
 * likely to overshoot), and whether each has the workers its load calls for.
 */
export function assessSizing(
  gridsToAssess: readonly SizedGrid[],
  workersByGrid: ReadonlyMap<string, number>,
  standard: SizingStandard = DEFAULT_SIZING_STANDARD,
): SizingAssessment[] {
  const byParent = new Map<string | null, SizedGrid[]>();
  for (const g of gridsToAssess) byParent.set(g.parentCode, [...(byParent.get(g.parentCode) ?? []), g]);
  return gridsToAssess.map((g) => {
    const status = sizeStatus(g, standard);
    const splitInto =
      status === 'too-large'
        ? Math.max(
            2,
            Math.min(Math.ceil(g.households / standard.maxHouseholds), Math.ceil(g.people / standard.maxPeople)),
          )
        : null;
    let mergeInto: SizedGrid | null = null;
    if (status === 'too-small') {
      const candidates = neighboursOf(g, byParent.get(g.parentCode) ?? []);
      mergeInto =
        [...candidates].sort((a, b) => a.households - b.households || a.code.localeCompare(b.code))[0] ?? null;
    }
    const workersNeeded = Math.max(
      1,
      Math.ceil(g.households / standard.householdsPerWorker),
      Math.ceil(g.people / standard.peoplePerWorker),
    );
    return { code: g.code, status, splitInto, mergeInto, workers: workersByGrid.get(g.code) ?? 0, workersNeeded };
  });
}
