import type { Executor } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import type { DemoContext, DemoTally } from '../../platform/http.js';
import { createSeededRandom } from '../../platform/seeded-random.js';
import { accountsLookups } from '../accounts/index.js';
import {
  demoWorkerGrid,
  gridsLookups,
  interiorPointOf,
  offsetMeters,
  type Position,
  pointInGeometry,
} from '../grids/index.js';
import { type TrackFix, trackDistance } from './patrol-track.js';
import { patrolsRepository } from './patrols.repository.js';

const MINUTE = 60_000;
/** A fix every 30 s at an easy walk (1.1 m/s). */
const FIX_EVERY_MS = 30_000;
const STEP_M = 33;

/**
 * The streets a demo patrol walks: a serpentine over a 320 m × 240 m block around the
 * grid's middle (lanes 60 m apart), out and back, as many times as the patrol lasts.
 */
function serpentine(center: Position): Position[] {
  const corners: Position[] = [];
  for (let lane = 0; lane <= 4; lane++) {
    const north = -120 + lane * 60;
    const [west, east] = lane % 2 === 0 ? [-160, 160] : [160, -160];
    corners.push(offsetMeters(center, west, north), offsetMeters(center, east, north));
  }
  return [...corners, ...corners.slice(0, -1).reverse()];
}

/** Points every `step` metres along a polyline (flat-earth within a few hundred metres). */
function along(route: Position[], step: number, count: number): Position[] {
  const k = 111_320;
  const out: Position[] = [];
  let i = 0;
  let carried = 0;
  while (out.length < count) {
    const a = route[i % (route.length - 1)] as Position;
    const b = route[(i % (route.length - 1)) + 1] as Position;
    const cos = Math.cos((a[1] * Math.PI) / 180);
    const length = Math.hypot((b[0] - a[0]) * k * cos, (b[1] - a[1]) * k);
    for (let d = carried; d < length && out.length < count; d += step) {
      out.push([a[0] + ((b[0] - a[0]) * d) / length, a[1] + ((b[1] - a[1]) * d) / length]);
      carried = d + step - length;
    }
    i += 1;
  }
  return out;
}

/**
 * A round that would run over China's midnight (a demo loaded between 00:00 and about 03:00)
 * ends five minutes before it instead: the desk shows patrols by China day, and a round
 * split across two days would show as two stubs.
 */
export function withinOneChinaDay(startedAt: Date, minutes: number): { startedAt: Date; endedAt: Date } {
  const endedAt = new Date(startedAt.getTime() + minutes * MINUTE);
  if (chinaDayOf(startedAt) === chinaDayOf(endedAt)) return { startedAt, endedAt };
  const midnight = Date.parse(`${chinaDayOf(endedAt)}T00:00:00+08:00`);
  const shiftedEnd = new Date(midnight - 5 * MINUTE);
  return { startedAt: new Date(shiftedEnd.getTime() - minutes * MINUTE), endedAt: shiftedEnd };
}

/**
 * Two finished patrols of the demo grid worker in their grid on the demo day (the
 * morning round and an afternoon round, on which visits' demo places a household visit),
 * so the desk's patrol map and activity table show something after `npm start`.
 * Deterministic for a given `now` (seeded jitter). Audited with the demo load as a whole.
 */
export async function loadDemoPatrols(tx: Executor, { now }: DemoContext): Promise<DemoTally> {
  const workerGrid = demoWorkerGrid();
  const worker = await accountsLookups.findUserByUsername(tx, 'gridworker');
  const [grid] = workerGrid ? await gridsLookups.findCurrentByCodes(tx, [workerGrid.code]) : [];
  if (!worker || !workerGrid || !grid) return { patrols: 0 };
  const random = createSeededRandom(20261123);
  const route = serpentine(interiorPointOf(workerGrid.geometry));
  const rounds = [
    { startMinutesAgo: 300, minutes: 70 },
    { startMinutesAgo: 130, minutes: 60 },
  ];
  for (const round of rounds) {
    const { startedAt, endedAt } = withinOneChinaDay(
      new Date(now.getTime() - round.startMinutesAgo * MINUTE),
      round.minutes,
    );
    const count = Math.floor((round.minutes * MINUTE) / FIX_EVERY_MS);
    const fixes: TrackFix[] = along(route, STEP_M, count)
      .map(([lon, lat], i) => {
        const [jLon, jLat] = offsetMeters([lon, lat], (random() - 0.5) * 6, (random() - 0.5) * 6);
        return {
          at: new Date(startedAt.getTime() + 15_000 + i * FIX_EVERY_MS),
          lon: jLon,
          lat: jLat,
          accuracyM: 5 + Math.round(random() * 10),
        };
      })
      .filter((f) => pointInGeometry([f.lon, f.lat], workerGrid.geometry));
    const last = fixes.at(-1);
    const patrol = await patrolsRepository.insertPatrol(tx, {
      userId: worker.id,
      startedAt,
      endedAt,
      distanceM: trackDistance(fixes),
      pointCount: fixes.length,
      lastAt: last?.at ?? null,
      lastLon: last?.lon ?? null,
      lastLat: last?.lat ?? null,
      lastGridCode: last ? grid.code : null,
      lastPath: last ? grid.path : null,
    });
    if (!patrol) throw new Error('demo patrol not inserted');
    await patrolsRepository.insertPoints(
      tx,
      fixes.map((f) => ({ patrolId: patrol.id, ...f, gridCode: grid.code, path: grid.path })),
    );
  }
  return { patrols: rounds.length };
}
