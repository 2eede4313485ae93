import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  command,
  commandOk,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  report,
  reportOk,
  uploadPhoto,
} from '../modules/cases/cases.test-helpers.js';
import type { Position } from '../modules/grids/geometry/index.js';
import { type Client, createTestApp } from './app.js';

/**
 * Gaps between what a role may do and what its data scope lets it see, found in the
 * security review (issue 10): a merged reporter's view of the case, photos of cases the
 * caller cannot open, reports outside the reporter's scope, and the audit log by region.
 */
let w: CaseWorld;
let ownGrid: { code: string; point: Position };
let otherTownGrid: { code: string; point: Position };
let urban: string;
let spot = 0;
/** Each report at its own spot, so that none is merged by accident. */
const nextPoint = (grid = ownGrid) => {
  spot += 1;
  return at(grid.point, (spot % 5) * 90 - 180, Math.floor(spot / 5) * 90 - 180);
};

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [ownGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof ownGrid];
  [otherTownGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [typeof otherTownGrid];
  urban = w.unitId('320281-urban');
});
afterAll(() => w.t.close());

let phoneSeq = 0;
async function newResident(): Promise<Client> {
  phoneSeq += 1;
  const phone = `137${String(20_000_000 + phoneSeq * 7919).slice(-8)}`;
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/auth/register-resident',
    payload: { phone, displayName: `居民${phoneSeq}`, password: 'Resident2026' },
    remoteAddress: `10.9.0.${phoneSeq}`,
  });
  expect(r.statusCode, r.body).toBe(201);
  return w.t.login(phone, 'Resident2026');
}

const SECRET_DESCRIPTION = '井盖缺失，就在张家门口，电话 13800001111';

describe('a resident whose report is merged into another’s case (finding 1)', () => {
  it('gets their own report and the public view, never the desk view of the case', async () => {
    const point = nextPoint();
    const theirPhoto = await uploadPhoto(w.gridworker);
    const first = await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: SECRET_DESCRIPTION,
      point,
      photoIds: [theirPhoto],
      formAnswers: { hazard: 'none' },
    });
    const resident = await newResident();
    const ownPhoto = await uploadPhoto(resident);
    const mine = await reportOk(resident, {
      matterCode: 'CG-0101',
      description: '路上井盖没了',
      point,
      photoIds: [ownPhoto],
      formAnswers: { hazard: 'none' },
    });
    expect(mine.outcome).toBe('merged');
    expect(mine.case.code).toBe(first.case.code);
    // The answer speaks of the resident's own report, not of the first reporter's.
    expect(mine.case.description).toBe('路上井盖没了');
    expect(JSON.stringify(mine)).not.toContain('张家门口');

    const code = first.case.code;
    for (const url of [`/api/cases/${code}`, '/api/cases?limit=500', '/api/cases/stream', '/api/cases/export.xlsx']) {
      const r = await resident.get(url);
      expect(r.statusCode, url).toBe(403);
      expect(r.body).not.toContain('张家门口');
    }
    // Another reporter's photo is not theirs to see; their own is.
    for (const variant of ['', '/thumbnail', '/image']) {
      expect((await resident.get(`/api/photos/${theirPhoto}${variant}`)).statusCode).toBe(404);
      expect((await resident.get(`/api/photos/${ownPhoto}${variant}`)).statusCode).toBe(200);
    }
    // What they do get: their report in their list, and the public view by code and key.
    const list = (await resident.get('/api/residents/me/reports')).json();
    expect(list.items[0]).toMatchObject({ code, description: '路上井盖没了' });
    const view = await w.t.app.inject({ method: 'GET', url: `/api/public/cases/${code}?key=${mine.followKey}` });
    expect(view.statusCode).toBe(200);

    // Their rating's answer carries no other reporter's words and no internal note.
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    await commandOk(w.handler, code, { type: 'accept' });
    await commandOk(w.handler, code, {
      type: 'submit_feedback',
      text: '已补装井盖',
      photoIds: [await uploadPhoto(w.handler)],
    });
    await commandOk(w.gridworker, code, { type: 'verify_pass', note: '内部备注 李四 13900002222' });
    const rated = await command(resident, code, { type: 'rate', rating: 'satisfied', comment: '好' });
    expect(rated.statusCode, rated.body).toBe(200);
    for (const secret of ['张家门口', '李四', '13900002222']) expect(rated.body).not.toContain(secret);
    expect(rated.json().case.description).toBe('路上井盖没了');
  });
});

describe('photos are readable exactly when their case is (finding 3b)', () => {
  it('keeps a department handler out of the photos of cases its unit does not have', async () => {
    const photo = await uploadPhoto(w.gridworker);
    const intake = await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: nextPoint(),
      photoIds: [photo],
      formAnswers: { hazard: 'none' },
    });
    const code = intake.case.code;
    expect((await w.handler.get(`/api/cases/${code}`)).statusCode).toBe(404);
    for (const variant of ['', '/thumbnail', '/image']) {
      expect((await w.handler.get(`/api/photos/${photo}${variant}`)).statusCode, variant).toBe(404);
    }
    // Once the case is dispatched to the handler's unit, its photos are theirs to see too.
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
    expect((await w.handler.get(`/api/cases/${code}`)).statusCode).toBe(200);
    for (const variant of ['', '/thumbnail', '/image']) {
      expect((await w.handler.get(`/api/photos/${photo}${variant}`)).statusCode, variant).toBe(200);
    }
    // Someone else's photo not attached to any case: not the handler's either.
    const loose = await uploadPhoto(w.gridworker);
    expect((await w.handler.get(`/api/photos/${loose}`)).statusCode).toBe(404);
  });
});

describe('staff and API keys report only inside their scope (finding 3c)', () => {
  it('refuses a point outside the reporter’s scope, naming the place; residents report county-wide', async () => {
    const outside = await report(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: nextPoint(otherTownGrid),
      formAnswers: { hazard: 'none' },
    });
    expect(outside.statusCode, outside.body).toBe(422);
    expect(outside.json().error.code).toBe('case-outside-scope');
    expect(outside.json().error.message).toMatch(/文定社区/);

    const created = await w.admin.post('/api/api-keys', {
      name: 'community app',
      roles: ['grid_worker'],
      scopeRegionCode: DEMO_COMMUNITY,
    });
    expect(created.statusCode, created.body).toBe(201);
    const keyReport = (point: ReturnType<typeof nextPoint>) =>
      w.t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { 'x-api-key': created.json().secret },
        payload: { matterCode: 'CG-0101', description: '井盖缺失', point, formAnswers: { hazard: 'none' } },
      });
    expect((await keyReport(nextPoint(otherTownGrid))).statusCode).toBe(422);
    expect((await keyReport(nextPoint())).statusCode).toBe(201);

    const resident = await newResident();
    const anywhere = await report(resident, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: nextPoint(otherTownGrid),
      formAnswers: { hazard: 'none' },
    });
    expect(anywhere.statusCode, anywhere.body).toBe(201);
    // The demo resident's account is kept to a community, but a resident reports county-wide.
    expect((await report(w.resident, { ...anywhereBody(), point: nextPoint(otherTownGrid) })).statusCode).toBe(201);
  });
});

const anywhereBody = () => ({ matterCode: 'CG-0101', description: '井盖缺失', formAnswers: { hazard: 'none' } });
