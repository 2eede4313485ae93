import type { Patrol, PatrolTrackList, TrackPointInput } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import { loadConfig } from '../../platform/config.js';
import { createTestApp } from '../../test/app.js';
import { DEMO_COMMUNITY } from '../cases/cases.test-helpers.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { type FieldWorld, fieldWorld, OTHER_TOWN, postPoints, startPatrolOk, walk } from './field.test-helpers.js';
import { trackRetentionJob } from './patrols.jobs.js';
import { deleteExpiredTracks } from './use-cases/delete-expired-tracks.js';

let w: FieldWorld;
let patrol: Patrol;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  w = await fieldWorld(await createTestApp());
  patrol = await startPatrolOk(w.gridworker, { startedAt: new Date(Date.now() - HOUR).toISOString() });
});
afterAll(() => w.t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(w.t.database.db, query);
const today = () => chinaDayOf(new Date(Date.now() - 60_000));

describe('starting and ending a patrol', () => {
  it('a second start answers the patrol already open', async () => {
    const again = await w.gridworker.post('/api/patrols', {});
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(patrol.id);
    expect(patrol).toMatchObject({ endedAt: null, pointCount: 0, distanceM: 0 });
  });

  it('only the grid team records patrols: residents and desks are refused', async () => {
    expect((await w.resident.post('/api/patrols', {})).statusCode).toBe(403);
    expect((await w.operator.post('/api/patrols', {})).statusCode).toBe(403);
  });

  it('a start in the future is refused with the field named', async () => {
    const r = await w.otherWorker.post('/api/patrols', { startedAt: new Date(Date.now() + HOUR).toISOString() });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({ field: 'startedAt', code: 'not-future' });
  });

  it('ends once; ending again answers the same; an end before the start is refused', async () => {
    const started = await startPatrolOk(w.otherWorker, { startedAt: new Date(Date.now() - 2 * HOUR).toISOString() });
    const early = await w.otherWorker.post(`/api/patrols/${started.id}/end`, {
      endedAt: new Date(Date.now() - 3 * HOUR).toISOString(),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: 'endedAt', code: 'after-start' });
    expect((await w.gridworker.post(`/api/patrols/${started.id}/end`, {})).json().error.code).toBe('patrol-not-owner');
    const ended = await w.otherWorker.post(`/api/patrols/${started.id}/end`, {});
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    const again = await w.otherWorker.post(`/api/patrols/${started.id}/end`, {});
    expect(again.json().endedAt).toBe(ended.json().endedAt);
    const audit = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patrol.end' AND object_id = ${started.id}`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('an unknown patrol is 404', async () => {
    const r = await w.gridworker.post('/api/patrols/00000000-0000-4000-8000-000000000000/end', {});
    expect(r.statusCode).toBe(404);
  });
});

describe('uploading the track', () => {
  it('stores a batch once: the same batch again is all duplicates; distance and position follow', async () => {
    const points = walk(w.workerGrid.point, 10);
    const first = await postPoints(w.gridworker, patrol.id, points);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 10, duplicates: 0 });
    expect(first.json().patrol.distanceM).toBeCloseTo(90, 0);
    const again = await postPoints(w.gridworker, patrol.id, points);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 10 });
    expect(again.json().patrol.pointCount).toBe(10);
    const [stored] = await rows<{ n: number; grids: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT grid_code)::int AS grids FROM patrol_points WHERE patrol_id = ${patrol.id} AND grid_code = ${w.workerGrid.code}`,
    );
    expect(stored).toEqual({ n: 10, grids: 1 });
  });

  it('a late batch that fills the middle of the track measures the whole track again', async () => {
    const ahead = walk(w.workerGrid.point, 3, 30 * 60_000, 40);
    const r = await postPoints(w.gridworker, patrol.id, ahead);
    expect(r.json().accepted).toBe(3);
    // 20 m between these three, 40 m north to the later walk's start: the track is longer by at least 60 m.
    expect(r.json().patrol.distanceM).toBeGreaterThan(150);
  });

  it('GCJ-02 fixes from a Chinese map SDK are stored in WGS84', async () => {
    const point = walk(w.workerGrid.point, 1, 5_000)[0] as TrackPointInput;
    const r = await postPoints(w.gridworker, patrol.id, [
      { ...point, lon: point.lon + 0.0045, lat: point.lat - 0.002, crs: 'GCJ02' },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    const [stored] = await rows<{ lon: number }>(
      sql`SELECT lon FROM patrol_points WHERE patrol_id = ${patrol.id} ORDER BY at DESC LIMIT 1`,
    );
    expect(Math.abs((stored?.lon ?? 0) - point.lon)).toBeLessThan(0.002);
  });

  it('a fix in the future refuses the whole batch, naming the fix', async () => {
    const points = walk(w.workerGrid.point, 3, -HOUR);
    const r = await postPoints(w.gridworker, patrol.id, [...walk(w.workerGrid.point, 1, 20_000, 80), ...points]);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('patrol-points-out-of-time');
    expect(r.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'points/1/at',
      'points/2/at',
      'points/3/at',
    ]);
    expect(r.json().error.message).toContain('3');
    const [after] = await rows<{ n: number }>(sql`SELECT point_count AS n FROM patrols WHERE id = ${patrol.id}`);
    expect(after?.n).toBe(14);
  });

  it('a fix long before the patrol started is refused', async () => {
    const r = await postPoints(w.gridworker, patrol.id, walk(w.workerGrid.point, 1, 2 * HOUR));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details[0]).toMatchObject({ field: 'points/0/at', code: 'patrol-time' });
  });

  it('more than 500 fixes, or none, is bad input', async () => {
    expect((await postPoints(w.gridworker, patrol.id, walk(w.workerGrid.point, 501))).statusCode).toBe(400);
    expect((await postPoints(w.gridworker, patrol.id, [])).statusCode).toBe(400);
  });

  it('only the patrol’s owner uploads to it', async () => {
    const r = await postPoints(w.otherWorker, patrol.id, walk(w.workerGrid.point, 2));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('patrol-not-owner');
    expect((await postPoints(w.resident, patrol.id, walk(w.workerGrid.point, 2))).statusCode).toBe(403);
  });
});

describe('the desk: live positions', () => {
  it('operators and the workstation whose scope holds the grid see the worker; each view is audited', async () => {
    for (const client of [w.operator, w.workstation, w.cityOperator]) {
      const r = await client.get('/api/patrols/live');
      expect(r.statusCode, r.body).toBe(200);
      const mine = r.json().items.find((i: { patrolId: string }) => i.patrolId === patrol.id);
      expect(mine).toMatchObject({ userId: w.gridworker.session.user.id, gridCode: w.workerGrid.code });
    }
    const byGrid = await w.operator.get(`/api/patrols/live?gridCode=${w.workerGrid.code}`);
    expect(byGrid.json().items).toHaveLength(1);
    const audit = await rows<{ details: { purpose: string; userIds: string[] } }>(
      sql`SELECT details FROM audit_log WHERE action = 'patrol.view-live' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]?.details.purpose).toBe('view patrol tracks');
    expect(audit[0]?.details.userIds).toContain(w.gridworker.session.user.id);
  });

  it('an operator of another town sees nobody there, and the grid is not found for them', async () => {
    const r = await w.otherTownOperator.get('/api/patrols/live');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.find((i: { patrolId: string }) => i.patrolId === patrol.id)).toBeUndefined();
    expect((await w.otherTownOperator.get(`/api/patrols/live?gridCode=${w.workerGrid.code}`)).statusCode).toBe(404);
    expect((await w.operator.get(`/api/patrols/live?regionCode=${OTHER_TOWN}`)).statusCode).toBe(404);
  });

  it('workers and residents may not watch positions', async () => {
    expect((await w.gridworker.get('/api/patrols/live')).statusCode).toBe(403);
    expect((await w.resident.get('/api/patrols/live')).statusCode).toBe(403);
  });
});

describe('the desk: tracks of a day', () => {
  it('a grid’s tracks of the day as GeoJSON lines, audited with whose tracks were seen', async () => {
    const r = await w.operator.get(`/api/patrols/tracks?date=${today()}&gridCode=${w.workerGrid.code}`);
    expect(r.statusCode, r.body).toBe(200);
    const body: PatrolTrackList = r.json();
    const track = body.items.find((i) => i.patrolId === patrol.id);
    expect(track?.track.type).toBe('LineString');
    expect(track?.track.coordinates.length).toBeGreaterThanOrEqual(10);
    expect(track?.gridCodes).toEqual([w.workerGrid.code]);
    expect(track?.displayName).toBe(w.gridworker.session.user.displayName);
    const [audit] = await rows<{ details: { purpose: string; patrolIds: string[] } }>(
      sql`SELECT details FROM audit_log WHERE action = 'patrol.view-tracks' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.details.purpose).toBe('view patrol tracks');
    expect(audit?.details.patrolIds).toContain(patrol.id);
  });

  it('by region and by worker; another day is empty', async () => {
    const town = await w.operator.get(`/api/patrols/tracks?date=${today()}&regionCode=${DEMO_COMMUNITY.slice(0, 9)}`);
    expect(town.json().items.map((i: { patrolId: string }) => i.patrolId)).toContain(patrol.id);
    const byWorker = await w.operator.get(
      `/api/patrols/tracks?date=${today()}&userId=${w.otherWorker.session.user.id}`,
    );
    expect(byWorker.json().items.map((i: { patrolId: string }) => i.patrolId)).not.toContain(patrol.id);
    const lastYear = await w.operator.get(`/api/patrols/tracks?date=2025-01-01&gridCode=${w.workerGrid.code}`);
    expect(lastYear.json().items).toEqual([]);
  });

  it('out of scope: absent for the other town, 404 for a grid outside the caller’s scope', async () => {
    const other = await w.otherTownOperator.get(`/api/patrols/tracks?date=${today()}`);
    expect(other.statusCode).toBe(200);
    expect(other.json().items.map((i: { patrolId: string }) => i.patrolId)).not.toContain(patrol.id);
    const grid = await w.otherTownOperator.get(`/api/patrols/tracks?date=${today()}&gridCode=${w.workerGrid.code}`);
    expect(grid.statusCode).toBe(404);
    const workstation = await w.workstation.get(`/api/patrols/tracks?date=${today()}&gridCode=${w.otherTownGrid.code}`);
    expect(workstation.statusCode).toBe(404);
  });

  it('a date that does not exist, or no date, is bad input; workers and residents are refused', async () => {
    expect((await w.operator.get('/api/patrols/tracks?date=2026-02-30')).statusCode).toBe(400);
    expect((await w.operator.get('/api/patrols/tracks')).statusCode).toBe(400);
    expect((await w.gridworker.get(`/api/patrols/tracks?date=${today()}`)).statusCode).toBe(403);
    expect((await w.resident.get(`/api/patrols/tracks?date=${today()}`)).statusCode).toBe(403);
  });
});

describe('Idempotency-Key on the patrol endpoints', () => {
  it('a start sent three times at once with one key opens one patrol and answers the same', async () => {
    const worker = await w.t.login(`gw-${w.otherTownGrid.code}`);
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        worker.request({ method: 'POST', url: '/api/patrols', payload: {}, headers: { 'idempotency-key': 'start-1' } }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const [open] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM patrols WHERE user_id = ${worker.session.user.id}`,
    );
    expect(open?.n).toBe(1);
  });

  it('a batch re-sent with its key replays the first answer; the key with another batch is refused', async () => {
    const points = walk(w.workerGrid.point, 2, 10_000, 120);
    const headers = { 'idempotency-key': 'batch-1' };
    const first = await postPoints(w.gridworker, patrol.id, points, headers);
    const again = await postPoints(w.gridworker, patrol.id, points, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.json().accepted).toBe(2);
    const other = await postPoints(w.gridworker, patrol.id, walk(w.workerGrid.point, 2, 8_000, 140), headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency-key-reused');
  });
});

describe('retention', () => {
  it('deletes tracks last active before the retention period with a system audit row; recent ones stay', async () => {
    const worker = w.otherWorker;
    const startedAt = new Date(Date.now() - 200 * DAY);
    const old = await startPatrolOk(worker, { startedAt: startedAt.toISOString() });
    const fixes = walk(w.otherGrid.point, 4, Date.now() - startedAt.getTime() - 10 * 60_000);
    expect((await postPoints(worker, old.id, fixes)).json().accepted).toBe(4);
    expect(
      (await worker.post(`/api/patrols/${old.id}/end`, { endedAt: new Date(startedAt.getTime() + HOUR).toISOString() }))
        .statusCode,
    ).toBe(200);

    const run = await deleteExpiredTracks(w.t.database.db, { now: new Date(), retentionDays: 180 });
    expect(run).toEqual({ patrols: 1, points: 4 });
    const left = await rows<{ id: string }>(sql`SELECT id FROM patrols WHERE id IN (${old.id}, ${patrol.id})`);
    expect(left.map((r) => r.id)).toEqual([patrol.id]);
    const [points] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM patrol_points WHERE patrol_id = ${old.id}`,
    );
    expect(points?.n).toBe(0);
    const [audit] = await rows<{ actor_id: string | null; details: Record<string, unknown> }>(
      sql`SELECT actor_id, details FROM audit_log WHERE action = 'patrol.retention-delete' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.actor_id).toBeNull();
    expect(audit?.details).toMatchObject({ by: 'system', retentionDays: 180, patrols: 1, points: 4 });
    expect(await deleteExpiredTracks(w.t.database.db, { now: new Date(), retentionDays: 180 })).toEqual({
      patrols: 0,
      points: 0,
    });
  });

  it('the sweep runs as a job at start and on demand, and the runner stops cleanly', async () => {
    const runner = startJobRunner(w.t.database, [trackRetentionJob(w.t.database, 180)], w.t.app.log);
    expect(await runner.runNow('patrol-track-retention')).toEqual({ ran: true, ok: true });
    await runner.stop();
    expect(await runner.runNow('patrol-track-retention')).toEqual({ ran: false, reason: 'stopped' });
  });

  it('the retention period comes from PATROL_RETENTION_DAYS (default 180, at least 1)', () => {
    const base = { dataDir: '/tmp/yiwang-config-test', secretKey: Buffer.alloc(32) };
    expect(loadConfig({}, base).patrolRetentionDays).toBe(180);
    expect(loadConfig({ PATROL_RETENTION_DAYS: '30' }, base).patrolRetentionDays).toBe(30);
    expect(loadConfig({ YIWANG_PATROL_RETENTION_DAYS: '90' }, base).patrolRetentionDays).toBe(90);
    expect(() => loadConfig({ PATROL_RETENTION_DAYS: '0' }, base)).toThrow(/at least 1/);
  });
});
