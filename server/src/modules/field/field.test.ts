import type { CaseToVerify, FieldToday, IntakeResult, NearbyCase, WorkerActivity } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { chinaDayOf } from '../../platform/china-day.js';
import { createTestApp } from '../../test/app.js';
import { at, commandOk, detail, reportOk, uploadPhoto } from '../cases/cases.test-helpers.js';
import { type FieldWorld, fieldWorld, postPoints, startPatrolOk, walk } from '../patrols/field.test-helpers.js';

let w: FieldWorld;
/** A lamp out reported by the worker in their grid (open, registered). */
let lamp: IntakeResult;
/** A case in the worker's grid waiting for the check on site. */
let handled: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  w = await fieldWorld(await createTestApp());
  lamp = await reportOk(w.gridworker, {
    matterCode: 'CG-0104',
    description: '文定路路灯不亮',
    point: at(w.workerGrid.point, -150, 100),
    formAnswers: { hazard: 'none', lamp_count: 1 },
    photoIds: [await uploadPhoto(w.gridworker)],
  });
  const cover = await reportOk(w.resident, {
    matterCode: 'CG-0101',
    description: '井盖缺失',
    point: at(w.workerGrid.point, 100, -100),
    formAnswers: { hazard: 'risk' },
  });
  handled = cover.case.code;
  await commandOk(w.operator, handled, { type: 'register' });
  await commandOk(w.operator, handled, { type: 'dispatch', unitId: w.unitId('320281-urban') });
  await commandOk(w.handler, handled, { type: 'accept' });
  await commandOk(w.handler, handled, {
    type: 'submit_feedback',
    text: '已补装',
    photoIds: [await uploadPhoto(w.handler)],
  });
});
afterAll(() => w.t.close());

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(w.t.database.db, query);
const today = () => chinaDayOf(new Date());

describe('GET /api/field/today', () => {
  it('my grid with its outline, cases to verify, my reports, visits due and frequent matters', async () => {
    const plan = await w.workstation.post('/api/visit-plans', {
      address: '文定花园1幢',
      dueOn: today(),
      gridCode: w.workerGrid.code,
    });
    expect(plan.statusCode).toBe(201);
    const r = await w.gridworker.get('/api/field/today');
    expect(r.statusCode, r.body).toBe(200);
    const day: FieldToday = r.json();
    expect(day.grids.map((g) => g.code)).toEqual([w.workerGrid.code]);
    expect(['Polygon', 'MultiPolygon']).toContain(day.grids[0]?.geometry.type);
    expect(day.toVerify[0]?.code).toBe(handled);
    expect(day.toVerify.every((c) => c.state === 'handled')).toBe(true);
    expect(day.myReports.map((c) => c.code)).toContain(lamp.case.code);
    expect(day.myReports.map((c) => c.code)).not.toContain(handled);
    expect(day.visitsDue.map((p) => p.id)).toContain(plan.json().id);
    expect(day.frequentMatters).toHaveLength(12);
    expect(day.frequentMatters[0]).toMatchObject({ code: 'CG-0104', count: 2 });
    expect(new Set(day.frequentMatters.map((m) => m.code)).size).toBe(12);
  });

  it('shows my open patrol', async () => {
    const patrol = await startPatrolOk(w.gridworker, { startedAt: new Date(Date.now() - HOUR).toISOString() });
    expect((await w.gridworker.get('/api/field/today')).json().patrol).toMatchObject({ id: patrol.id, endedAt: null });
  });

  it('is for the grid team: residents and desks are refused', async () => {
    expect((await w.resident.get('/api/field/today')).statusCode).toBe(403);
    expect((await w.operator.get('/api/field/today')).statusCode).toBe(403);
  });
});

describe('GET /api/field/cases/:code/verification', () => {
  it('the report’s photos beside the handling unit’s feedback and photos, each photo readable by the verifier', async () => {
    const reportPhoto = await uploadPhoto(w.resident);
    const reported = await reportOk(w.resident, {
      matterCode: 'CG-0101',
      description: '东门井盖缺失',
      point: at(w.workerGrid.point, -300, -300),
      formAnswers: { hazard: 'risk' },
      photoIds: [reportPhoto],
    });
    const code = reported.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    await commandOk(w.handler, code, { type: 'accept' });
    const feedbackPhoto = await uploadPhoto(w.handler);
    await commandOk(w.handler, code, { type: 'submit_feedback', text: '已补装井盖', photoIds: [feedbackPhoto] });

    const r = await w.gridworker.get(`/api/field/cases/${code}/verification`);
    expect(r.statusCode, r.body).toBe(200);
    const view: CaseToVerify = r.json();
    expect(view.case).toMatchObject({ code, state: 'handled', description: '东门井盖缺失' });
    expect(view.reportPhotos.map((p) => p.id)).toEqual([reportPhoto]);
    expect(view.feedback).toMatchObject({ text: '已补装井盖', unit: { name: '市城市管理局' } });
    expect(view.feedback?.photos.map((p) => p.id)).toEqual([feedbackPhoto]);
    for (const photo of [...view.reportPhotos, ...(view.feedback?.photos ?? [])]) {
      for (const url of [photo.thumbnailUrl, photo.imageUrl]) {
        const file = await w.gridworker.get(url);
        expect(file.statusCode, url).toBe(200);
        expect(file.headers['content-type']).toBe('image/jpeg');
      }
    }
  });

  it('in the verifier’s scope only: another town’s worker gets 404; a handler or resident (no verify) 403; a bad code 400', async () => {
    const otherTownWorker = await w.t.login(`gw-${w.otherTownGrid.code}`);
    expect((await otherTownWorker.get(`/api/field/cases/${handled}/verification`)).statusCode).toBe(404);
    expect((await w.otherWorker.get(`/api/field/cases/${handled}/verification`)).statusCode).toBe(200);
    expect((await w.handler.get(`/api/field/cases/${handled}/verification`)).statusCode).toBe(403);
    expect((await w.resident.get(`/api/field/cases/${handled}/verification`)).statusCode).toBe(403);
    expect((await w.gridworker.get('/api/field/cases/nope/verification')).statusCode).toBe(400);
  });
});

describe('GET /api/field/nearby-cases', () => {
  const nearby = (client = w.gridworker, matterCode = 'CG-0104', east = -150 + 30, north = 100) => {
    const p = at(w.workerGrid.point, east, north);
    return client.get(`/api/field/nearby-cases?matterCode=${matterCode}&lon=${p.lon}&lat=${p.lat}`);
  };

  it('open cases of the matter nearby, nearest first, with distance and thumbnail', async () => {
    const r = await nearby();
    expect(r.statusCode, r.body).toBe(200);
    const [first]: NearbyCase[] = r.json().items;
    expect(first).toMatchObject({ code: lamp.case.code, matterCode: 'CG-0104', state: lamp.case.state });
    expect(first?.distanceM).toBeGreaterThan(20);
    expect(first?.distanceM).toBeLessThan(40);
    expect(first?.thumbnailUrl).toMatch(/^\/api\/photos\/[0-9a-f-]+\/thumbnail$/);
  });

  it('nothing far away, of another matter, or outside the caller’s scope', async () => {
    expect((await nearby(w.gridworker, 'CG-0104', 3000, 3000)).json().items).toEqual([]);
    expect((await nearby(w.gridworker, 'CG-0302')).json().items).toEqual([]);
    expect((await nearby(w.otherTownOperator)).json().items).toEqual([]);
  });

  it('an unknown matter is 422; a resident is refused; a missing coordinate is 400', async () => {
    expect((await nearby(w.gridworker, 'XX-9999')).statusCode).toBe(422);
    expect((await nearby(w.resident)).statusCode).toBe(403);
    expect((await w.gridworker.get('/api/field/nearby-cases?matterCode=CG-0104&lon=120.2')).statusCode).toBe(400);
  });
});

describe('POST /api/cases/:code/support', () => {
  const support = (
    code: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
    client = w.otherWorker,
  ) => client.request({ method: 'POST', url: `/api/cases/${code}/support`, payload: body, headers });

  it('adds my report to the case as a supporter, with photo and timeline entry', async () => {
    const photoId = await uploadPhoto(w.otherWorker);
    const r = await support(lamp.case.code, {
      note: '今晚仍不亮',
      photoIds: [photoId],
      point: at(w.workerGrid.point, -140, 100),
    });
    expect(r.statusCode, r.body).toBe(200);
    const result: IntakeResult = r.json();
    expect(result.outcome).toBe('merged');
    expect(result.case.supporterCount).toBe(lamp.case.supporterCount + 1);
    const seen = await detail(w.operator, lamp.case.code);
    const report = seen.reports.find((p) => p.id === result.reportId);
    expect(report).toMatchObject({ channel: 'worker', description: '今晚仍不亮', photoIds: [photoId] });
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'report_merged' });
  });

  it('Idempotency-Key: sent twice and three at once, one supporter each time; another body is refused', async () => {
    const before = (await detail(w.operator, lamp.case.code)).case.supporterCount;
    const first = await support(lamp.case.code, {}, { 'idempotency-key': 'support-1' });
    const again = await support(lamp.case.code, {}, { 'idempotency-key': 'support-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    await Promise.all([1, 2, 3].map(() => support(lamp.case.code, {}, { 'idempotency-key': 'support-2' })));
    expect((await detail(w.operator, lamp.case.code)).case.supporterCount).toBe(before + 2);
    const other = await support(lamp.case.code, { note: '别的' }, { 'idempotency-key': 'support-1' });
    expect(other.statusCode).toBe(422);
  });

  it('refused: a case out of scope (404), a closed case (409), a foreign photo (422, nothing written), a resident (403)', async () => {
    expect((await support(lamp.case.code, {}, {}, w.otherTownOperator)).statusCode).toBe(404);
    const before = (await detail(w.operator, lamp.case.code)).case.supporterCount;
    const foreign = await support(lamp.case.code, { photoIds: [await uploadPhoto(w.otherTownOperator)] });
    expect(foreign.statusCode).toBe(422);
    expect((await detail(w.operator, lamp.case.code)).case.supporterCount).toBe(before);
    expect((await support(lamp.case.code, {}, {}, w.resident)).statusCode).toBe(403);
    const voided = await reportOk(w.gridworker, {
      matterCode: 'CG-0302',
      description: '垃圾桶满溢',
      point: at(w.workerGrid.point, 0, 150),
    });
    await commandOk(w.workstation, voided.case.code, { type: 'void', reason: '重复上报' });
    const closed = await support(voided.case.code, {});
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('case-merge-target-closed');
  });
});

describe('GET /api/field/activity', () => {
  it('each worker’s day in a grid: patrol minutes and distance, reports, verifications, visits (audited)', async () => {
    const patrol = (await w.gridworker.get('/api/field/today')).json().patrol;
    expect((await postPoints(w.gridworker, patrol.id, walk(w.workerGrid.point, 6))).statusCode).toBe(200);
    await commandOk(w.gridworker, handled, { type: 'verify_pass', note: '已补装' });
    await w.gridworker.post('/api/visits', {
      address: '文定花园2幢',
      note: '走访',
      point: at(w.workerGrid.point, 20, 0),
    });

    const r = await w.operator.get(`/api/field/activity?date=${today()}&gridCode=${w.workerGrid.code}`);
    expect(r.statusCode, r.body).toBe(200);
    const mine = r.json().items.find((i: WorkerActivity) => i.userId === w.gridworker.session.user.id);
    expect(mine.displayName).toBe(w.gridworker.session.user.displayName);
    expect(mine.patrolMinutes).toBeGreaterThan(0);
    expect(mine.distanceM).toBeGreaterThan(40);
    expect(mine.reports).toBeGreaterThanOrEqual(2);
    expect(mine.verifications).toBe(1);
    // The demo's afternoon round has a visit too (when it fell on today).
    expect(mine.visits).toBeGreaterThanOrEqual(1);
    const [audit] = await rows<{ details: { purpose: string } }>(
      sql`SELECT details FROM audit_log WHERE action = 'field.view-activity' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.details.purpose).toBe('view worker activity');
  });

  it('every grid worker of the area is listed, also without activity', async () => {
    const r = await w.workstation.get(`/api/field/activity?date=${today()}`);
    const other = r.json().items.find((i: WorkerActivity) => i.userId === w.otherWorker.session.user.id);
    // No patrol and no visit today; their "me too" reports above count as field reports.
    expect(other).toMatchObject({ patrolMinutes: 0, distanceM: 0, visits: 0, verifications: 0, reports: 3 });
  });

  it('scope and permission: another town sees nobody here and not the grid; workers and residents are refused', async () => {
    const other = await w.otherTownOperator.get(`/api/field/activity?date=${today()}`);
    expect(other.json().items.map((i: WorkerActivity) => i.userId)).not.toContain(w.gridworker.session.user.id);
    expect(
      (await w.otherTownOperator.get(`/api/field/activity?date=${today()}&gridCode=${w.workerGrid.code}`)).statusCode,
    ).toBe(404);
    expect((await w.gridworker.get(`/api/field/activity?date=${today()}`)).statusCode).toBe(403);
    expect((await w.resident.get(`/api/field/activity?date=${today()}`)).statusCode).toBe(403);
    expect((await w.operator.get('/api/field/activity?date=yesterday')).statusCode).toBe(400);
  });
});
