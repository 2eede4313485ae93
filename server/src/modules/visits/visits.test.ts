import type { Patrol, Visit, VisitPlan } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import { createTestApp } from '../../test/app.js';
import { at } from '../cases/cases.test-helpers.js';
import { type FieldWorld, fieldWorld, postPoints, startPatrolOk, walk } from '../patrols/field.test-helpers.js';
import { deleteExpiredTracks } from '../patrols/use-cases/delete-expired-tracks.js';

let w: FieldWorld;
let patrol: Patrol;
const HOUR = 3_600_000;

beforeAll(async () => {
  w = await fieldWorld(await createTestApp());
  patrol = await startPatrolOk(w.gridworker, { startedAt: new Date(Date.now() - HOUR).toISOString() });
  expect((await postPoints(w.gridworker, patrol.id, walk(w.workerGrid.point, 5))).statusCode).toBe(200);
});
afterAll(() => w.t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(w.t.database.db, query);
const today = () => chinaDayOf(new Date());

function visit(body: Record<string, unknown>, headers: Record<string, string> = {}, client = w.gridworker) {
  return client.request({ method: 'POST', url: '/api/visits', payload: body, headers });
}

describe('recording a visit', () => {
  it('on my patrol, at a point: placed in its grid, shown on the track', async () => {
    const r = await visit({
      address: '文定花园3幢201室',
      note: '独居老人，身体尚好，叮嘱冬季用电安全',
      point: at(w.workerGrid.point, 30, 0),
      patrolId: patrol.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    const saved: Visit = r.json();
    expect(saved).toMatchObject({ gridCode: w.workerGrid.code, patrolId: patrol.id, planId: null });
    expect(saved.point?.lon).toBeCloseTo(at(w.workerGrid.point, 30, 0).lon, 6);
    const tracks = await w.operator.get(`/api/patrols/tracks?date=${today()}&gridCode=${w.workerGrid.code}`);
    const track = tracks.json().items.find((i: { patrolId: string }) => i.patrolId === patrol.id);
    expect(track.visits).toEqual([expect.objectContaining({ address: '文定花园3幢201室' })]);
  });

  it('without a point: kept under my scope, no grid', async () => {
    const r = await visit({ address: '文定路12号', note: '电话预约下周再访' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ gridCode: null, point: null, patrolId: null });
  });

  it('bad input is refused with the fields named; nothing is written', async () => {
    const before = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visits`);
    const empty = await visit({ address: '', note: '' });
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['address', 'note']);
    const future = await visit({ address: '某处', note: '某事', visitedAt: new Date(Date.now() + HOUR).toISOString() });
    expect(future.json().error.details[0]).toMatchObject({ field: 'visitedAt', code: 'not-future' });
    const outside = await visit({ address: '某处', note: '某事', point: { lon: 116.4, lat: 39.9 } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('outside-county');
    const unknownPatrol = await visit({
      address: '某处',
      note: '某事',
      patrolId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownPatrol.statusCode).toBe(422);
    const notMine = await visit({ address: '某处', note: '某事', patrolId: patrol.id }, {}, w.otherWorker);
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('patrol-not-owner');
    const after = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visits`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('residents and desks do not record visits', async () => {
    expect((await visit({ address: '某处', note: '某事' }, {}, w.resident)).statusCode).toBe(403);
    expect((await visit({ address: '某处', note: '某事' }, {}, w.operator)).statusCode).toBe(403);
  });

  it('Idempotency-Key: twice in a row and three at once make one visit each; another body is refused', async () => {
    const body = { address: '文定花园5幢', note: '走访低保户，了解就业情况' };
    const first = await visit(body, { 'idempotency-key': 'visit-1' });
    const second = await visit(body, { 'idempotency-key': 'visit-1' });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const concurrent = await Promise.all([1, 2, 3].map(() => visit(body, { 'idempotency-key': 'visit-2' })));
    expect(new Set(concurrent.map((r) => r.json().id)).size).toBe(1);
    const [made] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visits WHERE address = '文定花园5幢'`);
    expect(made?.n).toBe(2);
    const reused = await visit({ ...body, note: '另一次' }, { 'idempotency-key': 'visit-1' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency-key-reused');
  });
});

describe('visit plans', () => {
  let plan: VisitPlan;

  it('the desk plans a visit in a grid of its scope; the grid’s worker sees it due', async () => {
    const r = await w.workstation.post('/api/visit-plans', {
      address: '文定花园7幢102室',
      dueOn: today(),
      note: '新迁入户，登记家庭情况',
      gridCode: w.workerGrid.code,
    });
    expect(r.statusCode, r.body).toBe(201);
    plan = r.json();
    expect(plan).toMatchObject({ gridCode: w.workerGrid.code, visitId: null, doneAt: null });
    const due = await w.gridworker.get(`/api/visit-plans?open=true&gridCode=${w.workerGrid.code}`);
    expect(due.json().items.map((p: VisitPlan) => p.id)).toContain(plan.id);
  });

  it('a visit with the plan closes it, once', async () => {
    const r = await visit({ address: plan.address, note: '已登记', planId: plan.id });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ planId: plan.id, gridCode: w.workerGrid.code });
    const again = await visit({ address: plan.address, note: '再次', planId: plan.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('visit-plan-done');
    const open = await w.gridworker.get('/api/visit-plans?open=true');
    expect(open.json().items.map((p: VisitPlan) => p.id)).not.toContain(plan.id);
    const all = await w.gridworker.get('/api/visit-plans');
    expect(all.json().items.find((p: VisitPlan) => p.id === plan.id).visitId).toBe(r.json().id);
  });

  it('outside the planner’s scope, without the permission, or on a day that does not exist: refused', async () => {
    const body = { address: '某处', dueOn: today(), gridCode: w.otherTownGrid.code };
    const outside = await w.workstation.post('/api/visit-plans', body);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].field).toBe('gridCode');
    expect((await w.gridworker.post('/api/visit-plans', { ...body, gridCode: w.workerGrid.code })).statusCode).toBe(
      403,
    );
    const badDay = await w.operator.post('/api/visit-plans', {
      ...body,
      gridCode: w.workerGrid.code,
      dueOn: '2026-02-30',
    });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.details[0].field).toBe('dueOn');
    expect((await w.resident.get('/api/visit-plans')).statusCode).toBe(403);
  });
});

describe('reading visits', () => {
  it('a worker reads their own; the desk reads a grid’s of the day (audited); another town sees none', async () => {
    const mine = await w.gridworker.get('/api/visits?mine=true');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThanOrEqual(4);
    expect(mine.json().items.every((v: Visit) => v.userId === w.gridworker.session.user.id)).toBe(true);
    expect((await w.otherWorker.get('/api/visits')).json().items).toEqual([]);

    const desk = await w.operator.get(`/api/visits?gridCode=${w.workerGrid.code}&date=${today()}`);
    expect(desk.statusCode).toBe(200);
    expect(desk.json().items.map((v: Visit) => v.address)).toContain('文定花园3幢201室');
    expect(desk.json().items[0].displayName).toBeTruthy();
    const [audit] = await rows<{ details: { visits: number } }>(
      sql`SELECT details FROM audit_log WHERE action = 'visit.view' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.details.visits).toBe(desk.json().items.length);

    expect((await w.otherTownOperator.get(`/api/visits?gridCode=${w.workerGrid.code}`)).statusCode).toBe(404);
    expect((await w.otherTownOperator.get('/api/visits')).json().items).toEqual([]);
    expect((await w.resident.get('/api/visits')).statusCode).toBe(403);
  });
});

describe('retention of tracks', () => {
  it('a visit outlives the deleted track of its patrol, without the link', async () => {
    const startedAt = new Date(Date.now() - 200 * 24 * HOUR);
    const old = await startPatrolOk(w.otherWorker, { startedAt: startedAt.toISOString() });
    const made = await visit(
      {
        address: '旧地址',
        note: '旧记录',
        patrolId: old.id,
        visitedAt: new Date(startedAt.getTime() + 60_000).toISOString(),
      },
      {},
      w.otherWorker,
    );
    expect(made.statusCode).toBe(201);
    await w.otherWorker.post(`/api/patrols/${old.id}/end`, {
      endedAt: new Date(startedAt.getTime() + HOUR).toISOString(),
    });
    expect((await deleteExpiredTracks(w.t.database.db, { now: new Date(), retentionDays: 180 })).patrols).toBe(1);
    const [kept] = await rows<{ patrol_id: string | null }>(
      sql`SELECT patrol_id FROM visits WHERE id = ${made.json().id}`,
    );
    expect(kept).toEqual({ patrol_id: null });
  });
});
