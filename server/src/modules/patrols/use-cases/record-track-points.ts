import type { PostTrackPointsResult, TrackPointInput } from '@yiwang/contracts';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import type { AuditContext } from '../../audit/index.js';
import { toWgs84 } from '../../grids/index.js';
import { type IdempotencyClaim, type IdempotentOutcome, runIdempotent } from '../../idempotency/index.js';
import type { PatrolDeps } from '../patrol-deps.js';
import { CLOCK_SKEW_MS, fixesOutOfTime, MAX_TRACK_ACCURACY_M, type TrackFix, trackDistance } from '../patrol-track.js';
import { type NewPatrolPointRow, type PatrolRow, patrolsRepository } from '../patrols.repository.js';
import { presentPatrol } from '../present-patrol.js';

export interface RecordTrackPointsInput {
  patrolId: string;
  points: readonly TrackPointInput[];
  now: Date;
  idempotency?: IdempotencyClaim | undefined;
}

/**
 * Stores a batch of GPS fixes of the caller's patrol. Fixes are turned into WGS84 and
 * placed in their base grid (a fix outside every grid is kept, under the worker's scope);
 * a fix with the same time as a stored one is skipped, so a retried batch never doubles.
 * A batch with a fix outside the patrol's time (±10 minutes) or in the future is refused
 * whole, naming the fixes. The patrol's distance and latest position follow.
 */
export async function recordTrackPoints(
  deps: PatrolDeps,
  input: RecordTrackPointsInput & { actor: Actor; context: AuditContext },
): Promise<IdempotentOutcome<PostTrackPointsResult>> {
  const { actor, context } = input;
  // Unique times within the batch; later copies of a time count as duplicates.
  const byTime = new Map<number, TrackPointInput>();
  for (const point of input.points) {
    const t = new Date(point.at).getTime();
    if (!byTime.has(t)) byTime.set(t, point);
  }
  const unique = [...byTime.entries()].sort(([a], [b]) => a - b);
  const positions = unique.map(([, p]) => toWgs84([p.lon, p.lat], p.crs ?? 'WGS84'));
  // Placed before the transaction: the locator reads the map through its own connection.
  const grids = await deps.locator.baseGridsAt(positions);

  return runIdempotent(deps.db, input.idempotency, async (tx) => {
    const patrol = await patrolsRepository.lockById(tx, input.patrolId);
    if (!patrol) throw new DomainError('not-found');
    if (patrol.userId !== actor.id) throw new DomainError('patrol-not-owner');
    refuseOutOfTime(input.points, patrol, input.now);

    const rows: NewPatrolPointRow[] = unique.map(([t, p], i) => {
      const grid = grids[i] ?? null;
      const [lon, lat] = positions[i] as [number, number];
      return {
        patrolId: patrol.id,
        at: new Date(t),
        lon,
        lat,
        accuracyM: p.accuracyM ?? null,
        gridCode: grid?.code ?? null,
        path: grid?.path ?? actor.scopePath,
      };
    });
    const stored = new Set((await patrolsRepository.insertPoints(tx, rows)).map((d) => d.getTime()));
    const accepted = rows.filter((r) => stored.has((r.at as Date).getTime()));
    const result = { accepted: accepted.length, duplicates: input.points.length - accepted.length };
    if (accepted.length === 0) return { kind: 'existing', value: { ...result, patrol: presentPatrol(patrol) } };

    const updated = await patrolsRepository.updatePatrol(tx, patrol.id, {
      pointCount: patrol.pointCount + accepted.length,
      distanceM: await distanceAfter(tx, patrol, accepted),
      ...latestOf(patrol, accepted),
    });
    await deps.audit(tx, context, {
      action: 'patrol.track',
      objectType: 'patrol',
      objectId: patrol.id,
      details: {
        accepted: accepted.length,
        duplicates: result.duplicates,
        from: ((accepted[0] as NewPatrolPointRow).at as Date).toISOString(),
        to: ((accepted.at(-1) as NewPatrolPointRow).at as Date).toISOString(),
      },
    });
    return { kind: 'updated', value: { ...result, patrol: presentPatrol(updated) } };
  });
}

function refuseOutOfTime(points: readonly TrackPointInput[], patrol: PatrolRow, now: Date) {
  const bad = fixesOutOfTime(
    points.map((p) => new Date(p.at)),
    patrol,
    now,
  );
  if (bad.length === 0) return;
  throw new DomainError(
    'patrol-points-out-of-time',
    { count: bad.length, skewMinutes: CLOCK_SKEW_MS / 60_000 },
    bad.slice(0, 20).map((i) => {
      const at = new Date((points[i] as TrackPointInput).at);
      return { field: `points/${i}/at`, code: at.getTime() > now.getTime() ? 'not-future' : 'patrol-time' };
    }),
  );
}

/** The patrol's distance with the new fixes: extended when they all come after the known track, else measured again. */
async function distanceAfter(tx: Tx, patrol: PatrolRow, accepted: NewPatrolPointRow[]): Promise<number> {
  const fixes: TrackFix[] = accepted.map((r) => ({
    at: r.at as Date,
    lon: r.lon,
    lat: r.lat,
    accuracyM: r.accuracyM ?? null,
  }));
  const first = fixes[0] as TrackFix;
  if (!patrol.lastAt || first.at.getTime() > patrol.lastAt.getTime()) {
    const from = await patrolsRepository.lastUsableFixBefore(tx, patrol.id, first.at, MAX_TRACK_ACCURACY_M);
    return patrol.distanceM + trackDistance(fixes, from);
  }
  // A late batch filled in the middle of the track (an outbox that synced out of order).
  return trackDistance(await patrolsRepository.fixesOf(tx, patrol.id));
}

/** The patrol's latest position, if a new fix is later than the one it has. */
function latestOf(patrol: PatrolRow, accepted: NewPatrolPointRow[]) {
  const last = accepted.at(-1) as NewPatrolPointRow;
  const at = last.at as Date;
  if (patrol.lastAt && patrol.lastAt.getTime() >= at.getTime()) return {};
  return { lastAt: at, lastLon: last.lon, lastLat: last.lat, lastGridCode: last.gridCode ?? null, lastPath: last.path };
}
