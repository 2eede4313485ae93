// Point → grid lookup speed: GridIndex (flatbush R-tree + flat-array ray cast) against a plain
// loop over every base grid, measured in the same run because these machines are shared and
// noisy. Prints numbers; not a test. Run: npx tsx bench/grid-at.bench.ts
import { buildDemoGridMap } from '../server/src/modules/grids/demo-grid-map.js';
import { GridIndex } from '../server/src/modules/grids/geometry/grid-index.js';
import { bboxOf } from '../server/src/modules/grids/geometry/measure.js';
import { pointInGeometry } from '../server/src/modules/grids/geometry/point-in-geometry.js';
import type { Position } from '../server/src/modules/grids/geometry/types.js';
import { createSeededRandom } from '../server/src/platform/seeded-random.js';

const POINTS = 200_000;
const MIN_MS = 1500;

/** Runs `lookup` over the points until at least `minMs` have passed; returns lookups per second. */
function measure(
  points: Float64Array,
  lookup: (lon: number, lat: number) => string | undefined,
  minMs: number,
): number {
  let found = 0;
  let lookups = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < points.length; i += 2) {
      if (lookup(points[i] as number, points[i + 1] as number) !== undefined) found++;
      lookups++;
      // Check the clock now and then so slow variants stop on time.
      if ((lookups & 1023) === 0 && performance.now() - start > minMs * 4) break;
    }
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  if (found < 0) console.log(found); // keep the work observable
  return (lookups / elapsed) * 1000;
}

function format(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M/s` : `${(perSecond / 1e3).toFixed(1)} k/s`;
}

let t = performance.now();
const map = buildDemoGridMap();
const buildMs = performance.now() - t;
t = performance.now();
const again = buildDemoGridMap();
const warmBuildMs = performance.now() - t;
const baseGrids = map.grids.filter((grid) => grid.level === 3);
console.log(
  `demo grid map: ${map.grids.length} grids (${baseGrids.length} base), built in ${buildMs.toFixed(0)} ms (second build ${warmBuildMs.toFixed(0)} ms, ${again.grids.length} grids)`,
);

t = performance.now();
const index = new GridIndex(baseGrids);
console.log(`GridIndex over ${index.size} base grids built in ${(performance.now() - t).toFixed(1)} ms`);

const [minLon, minLat, maxLon, maxLat] = bboxOf(map.countyGeometry);
const random = createSeededRandom(1);
const points = new Float64Array(POINTS * 2);
for (let i = 0; i < points.length; i += 2) {
  points[i] = minLon + random() * (maxLon - minLon);
  points[i + 1] = minLat + random() * (maxLat - minLat);
}
const insidePoints: number[] = [];
for (let i = 0; i < points.length; i += 2) {
  const lon = points[i] as number;
  const lat = points[i + 1] as number;
  if (index.lookup(lon, lat) !== undefined) insidePoints.push(lon, lat);
}
const pointsInCounty = Float64Array.from(insidePoints);
console.log(
  `${POINTS} random points in the county's bounding box, ${((pointsInCounty.length / 2 / POINTS) * 100).toFixed(1)} % inside the county`,
);

// Plain loop, variant 1: bounding-box precheck (flat array), then pointInGeometry.
const boxes = Float64Array.from(baseGrids.flatMap((grid) => bboxOf(grid.geometry)));
const loopWithBbox = (lon: number, lat: number): string | undefined => {
  for (let i = 0; i < baseGrids.length; i++) {
    const b = i * 4;
    if (
      lon < (boxes[b] as number) ||
      lat < (boxes[b + 1] as number) ||
      lon > (boxes[b + 2] as number) ||
      lat > (boxes[b + 3] as number)
    )
      continue;
    const grid = baseGrids[i] as (typeof baseGrids)[number];
    const point: Position = [lon, lat];
    if (pointInGeometry(point, grid.geometry)) return grid.code;
  }
  return undefined;
};
// Plain loop, variant 2: no precheck, pointInGeometry on every grid.
const loopWithoutBbox = (lon: number, lat: number): string | undefined => {
  const point: Position = [lon, lat];
  for (const grid of baseGrids) if (pointInGeometry(point, grid.geometry)) return grid.code;
  return undefined;
};

// Warm up all three so the JIT has compiled them before timing.
measure(points.subarray(0, 20_000), (lon, lat) => index.lookup(lon, lat), 200);
measure(points.subarray(0, 2_000), loopWithBbox, 200);
measure(points.subarray(0, 200), loopWithoutBbox, 200);

const indexed = measure(points, (lon, lat) => index.lookup(lon, lat), MIN_MS);
const indexedInCounty = measure(pointsInCounty, (lon, lat) => index.lookup(lon, lat), MIN_MS);
const plainBbox = measure(points, loopWithBbox, MIN_MS);
const plainAll = measure(points, loopWithoutBbox, MIN_MS);
console.log('lookups per second, points spread over the bounding box:');
console.log(
  `GridIndex.lookup:                            ${format(indexed)}   (points inside the county only: ${format(indexedInCounty)})`,
);
console.log(
  `plain loop, bbox precheck + pointInGeometry: ${format(plainBbox)}   (GridIndex ${(indexed / plainBbox).toFixed(0)}× faster)`,
);
console.log(
  `plain loop, pointInGeometry on every grid:   ${format(plainAll)}   (GridIndex ${(indexed / plainAll).toFixed(0)}× faster)`,
);
