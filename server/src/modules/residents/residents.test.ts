import type { MyReportList, PublicCaseView, SessionInfo } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { FOLLOW_KEY_LENGTH, newFollowKey, normalizeFollowKey } from '../cases/case-code.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  command,
  commandOk,
  DEMO_COMMUNITY,
  detail,
  report,
  reportOk,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';
import { publicStateOf, publicStepOf, publicTimeline } from './public-case.js';
import { sealLegacyResidentPhones } from './use-cases/seal-legacy-phones.js';

const PASSWORD = 'Resident2026';

let w: CaseWorld;
let grid: { code: string; point: Position };
let urban: string;
let spot = 0;
/** Each report at its own spot, so that none is merged into another's case by accident. */
const nextPoint = () => {
  spot += 1;
  return at(grid.point, (spot % 5) * 90 - 180, Math.floor(spot / 5) * 90 - 180);
};

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
  urban = w.unitId('320281-urban');
});
afterAll(() => w.t.close());

let phoneSeq = 0;
const newPhone = () => `139${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;

let addressSeq = 0;
/** Every sign-up from its own address unless told, so that the per-address limit is tested on its own. */
const freshAddress = () => {
  addressSeq += 1;
  return `10.1.${Math.floor(addressSeq / 250)}.${(addressSeq % 250) + 1}`;
};

function register(t: TestApp, body: Record<string, unknown>, remoteAddress = freshAddress()) {
  return t.app.inject({ method: 'POST', url: '/api/auth/register-resident', payload: body, remoteAddress });
}

/** A freshly registered resident, signed in. */
async function newResident(name = '居民王芳'): Promise<{ phone: string; client: Client }> {
  const phone = newPhone();
  const r = await register(w.t, { phone, displayName: name, password: PASSWORD });
  expect(r.statusCode, r.body).toBe(201);
  return { phone, client: await w.t.login(phone, PASSWORD) };
}

const publicView = (code: string, key?: string, remoteAddress = '10.2.2.2') =>
  w.t.app.inject({
    method: 'GET',
    url: `/api/public/cases/${code}${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}`,
    remoteAddress,
  });

const myReports = async (client: Client): Promise<MyReportList> => {
  const r = await client.get('/api/residents/me/reports');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

/** Takes a reported case through the desk roles until it waits for the reporter's rating (closed). */
async function closeCase(code: string): Promise<string> {
  await commandOk(w.operator, code, { type: 'register' });
  await commandOk(w.operator, code, { type: 'dispatch', unitId: urban });
  await commandOk(w.handler, code, { type: 'accept' });
  const photoId = await uploadPhoto(w.handler);
  await commandOk(w.handler, code, { type: 'submit_feedback', text: '已补装井盖并设置警示标志', photoIds: [photoId] });
  expect(await commandOk(w.gridworker, code, { type: 'verify_pass', note: '现场核实 张三 13800001111' })).toBe(
    'closed',
  );
  return photoId;
}

/** Two residents report one manhole, far enough apart not to merge at intake; the operator merges them (并单). */
async function mergedReports(nameA: string, nameB: string) {
  const a = await newResident(nameA);
  const b = await newResident(nameB);
  const point = nextPoint();
  const first = await reportOk(a.client, {
    matterCode: 'CG-0101',
    description: '井盖缺失',
    point,
    formAnswers: { hazard: 'none' },
  });
  const second = await reportOk(b.client, {
    matterCode: 'CG-0101',
    description: '同一个井盖',
    point: { ...point, lat: point.lat + 0.002 },
    formAnswers: { hazard: 'none' },
  });
  expect(second.outcome).toBe('created');
  const merged = await w.operator.post(`/api/cases/${second.case.code}/merge`, { intoCaseCode: first.case.code });
  expect(merged.statusCode, merged.body).toBe(200);
  return { a, b, first, second };
}

describe('resident self-registration', () => {
  it('creates a county-scoped resident who signs in with the phone, signs them in and audits it', async () => {
    const phone = newPhone();
    const r = await register(w.t, { phone, displayName: ' 居民赵磊 ', password: PASSWORD, locale: 'en-US' });
    expect(r.statusCode, r.body).toBe(201);
    const session = r.json<SessionInfo>();
    expect(session.user).toMatchObject({
      username: expect.stringMatching(/^r-[0-9a-f]{10}$/),
      displayName: '居民赵磊',
      roles: ['resident'],
      locale: 'en-US',
      scope: { regionCode: '320281', regionName: '江阴市' },
      unit: null,
    });
    expect(session.permissions).toContain('cases.report');
    expect(session.permissions).not.toContain('cases.read');
    // The answer carries a working session cookie.
    const cookie = r.cookies[0];
    expect(cookie?.httpOnly).toBe(true);
    const again = await w.t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `${cookie?.name}=${cookie?.value}` },
    });
    expect(again.json().user.id).toBe(session.user.id);
    // Later visits sign in with the phone and the password.
    expect((await w.t.login(phone, PASSWORD)).session.user.id).toBe(session.user.id);

    const audit = (await w.admin.get(`/api/audit?action=user.register&limit=50`)).json();
    const row = audit.items.find((a: { objectId: string }) => a.objectId === session.user.id);
    expect(row).toMatchObject({
      action: 'user.register',
      objectType: 'user',
      actorLabel: session.user.username,
      details: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
    });
  });

  it('keeps the phone only sealed: in no column, list or audit row, yet found by the admin’s search', async () => {
    const { phone, client } = await newResident('居民褚');
    // A wrong password typed with the phone is audited with the phone masked.
    const wrong = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: phone, password: 'Wrong2026xx' },
    });
    expect(wrong.statusCode).toBe(401);

    const [row] = await queryRows<{ row: string }>(
      w.t.database.db,
      sql`SELECT u::text AS row FROM users u WHERE id = ${client.session.user.id}`,
    );
    expect(row?.row).toContain('r-');
    expect(row?.row).not.toContain(phone);
    const [audit] = await queryRows<{ n: number }>(
      w.t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE ${`%${phone}%`} OR actor_label LIKE ${`%${phone}%`}`,
    );
    expect(audit?.n).toBe(0);

    const found = (await w.admin.get(`/api/users?q=${phone}`)).json();
    expect(found.items).toEqual([
      expect.objectContaining({
        id: client.session.user.id,
        displayName: '居民褚',
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      }),
    ]);
    expect(JSON.stringify(found)).not.toContain(phone);
  });

  it('shows an admin the account’s full phone only for a stated purpose, and audits the purpose, not the number', async () => {
    const { phone, client } = await newResident('居民卫');
    const id = client.session.user.id;
    const url = `/api/users/${id}/reveal-phone`;

    const noPurpose = await w.admin.post(url, { purpose: '  ' });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    expect((await w.operator.post(url, { purpose: '核实身份' })).statusCode).toBe(403);
    // The admin's own account has no phone: nothing to show.
    expect(
      (await w.admin.post(`/api/users/${w.admin.session.user.id}/reveal-phone`, { purpose: '核实身份' })).statusCode,
    ).toBe(404);

    const shown = await w.admin.post(url, { purpose: '居民来电要求重置密码，核实身份' });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ phone });
    const audit = await queryRows<{ details: { purpose: string }; actor_id: string }>(
      w.t.database.db,
      sql`SELECT details, actor_id FROM audit_log WHERE action = 'user.phone.reveal' AND object_id = ${id}`,
    );
    expect(audit).toEqual([
      { details: { purpose: '居民来电要求重置密码，核实身份' }, actor_id: w.admin.session.user.id },
    ]);
  });

  it('seals the phone of an account made before phones were sealed, and it still signs in with it', async () => {
    const phone = newPhone();
    const [legacy] = await queryRows<{ id: string }>(
      w.t.database.db,
      sql`INSERT INTO users (username, display_name, password_hash, roles, scope_region_code)
          SELECT ${phone}, '老居民', password_hash, ARRAY['resident'], '320281' FROM users WHERE username = 'resident'
          RETURNING id`,
    );
    const id = legacy?.id;
    expect(await sealLegacyResidentPhones(w.t.database.db, w.t.config.secretKey)).toBe(1);
    expect(await sealLegacyResidentPhones(w.t.database.db, w.t.config.secretKey)).toBe(0);
    const user = (await w.admin.get(`/api/users/${id}`)).json();
    expect(user).toMatchObject({
      username: expect.stringMatching(/^r-/),
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    // The demo resident's password: yiwang2026.
    expect((await w.t.login(phone, 'yiwang2026')).session.user.id).toBe(id);
  });

  it('refuses a bad phone, a weak password and a blank name with messages in the user’s language', async () => {
    const badPhone = await register(w.t, { phone: '12345678901', displayName: '甲', password: PASSWORD });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details).toEqual([
      { field: 'phone', code: 'phone', message: '请输入 11 位中国大陆手机号码' },
    ]);
    const weak = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/register-resident',
      headers: { 'accept-language': 'en-US' },
      // Too short and without digits: two rules broken, one message.
      payload: { phone: newPhone(), displayName: 'A', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([
      { field: 'password', code: 'password', message: 'must be at least 10 characters with both letters and digits' },
    ]);
    const blank = await register(w.t, { phone: newPhone(), displayName: '   ', password: PASSWORD });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0]).toMatchObject({ field: 'displayName', code: 'required' });
  });

  it('grants nothing but the resident role on the county: a request for more is refused, naming the fields', async () => {
    const phone = newPhone();
    const sneaky = await register(w.t, {
      phone,
      displayName: '甲',
      password: PASSWORD,
      roles: ['admin'],
      scopeRegionCode: DEMO_COMMUNITY,
      unitId: urban,
    });
    expect(sneaky.statusCode).toBe(400);
    expect(
      sneaky
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['roles', 'scopeRegionCode', 'unitId']);
    const plain = await register(w.t, { phone, displayName: '甲', password: PASSWORD });
    expect(plain.statusCode).toBe(201);
    expect(plain.json<SessionInfo>().user).toMatchObject({
      roles: ['resident'],
      scope: { regionCode: '320281' },
      unit: null,
    });
  });

  it('answers a phone that is already registered with 409 and a clear message, creating nothing', async () => {
    const { phone } = await newResident();
    const users = async () => (await w.admin.get('/api/users?role=resident&limit=500')).json().total;
    const before = await users();
    const twice = await register(w.t, { phone, displayName: '另一个人', password: 'Another2026x' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'phone-registered',
      message: `手机号 ${phone} 已经注册过，请直接用它登录。`,
    });
    expect(await users()).toBe(before);
  });

  it('limits sign-ups per address with a clear 429', async () => {
    const limited = await createTestApp({ config: { registerRateLimit: { max: 2, windowSeconds: 3600 } } });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await register(limited, { phone: newPhone(), displayName: '甲', password: PASSWORD }, '10.7.7.7');
        expect(r.statusCode, r.body).toBe(201);
      }
      const blocked = await register(limited, { phone: newPhone(), displayName: '甲', password: PASSWORD }, '10.7.7.7');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error).toMatchObject({ code: 'rate-limited' });
      expect(blocked.json().error.message).toMatch(/请 \d+ 秒后再试/);
      const elsewhere = await register(
        limited,
        { phone: newPhone(), displayName: '乙', password: PASSWORD },
        '10.7.7.8',
      );
      expect(elsewhere.statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe('reporting from the portal and my reports', () => {
  it('gives the reporter a follow key, lists it in my reports, and keeps the phone for the callback', async () => {
    const { phone, client } = await newResident('居民孙丽');
    const photoId = await uploadPhoto(client);
    const intake = await reportOk(client, {
      matterCode: 'CG-0101',
      description: '我家楼下井盖缺失',
      point: nextPoint(),
      formAnswers: { hazard: 'risk' },
      photoIds: [photoId],
    });
    expect(intake.case.channel).toBe('resident');
    expect(intake.followKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);

    const mine = await myReports(client);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      code: intake.case.code,
      matter: { code: 'CG-0101', name: '井盖缺失' },
      state: 'submitted',
      description: '我家楼下井盖缺失',
      followKey: intake.followKey,
      anonymous: false,
      canRate: false,
      myRating: null,
    });
    // The command desk sees the account's phone (masked) to call the resident back.
    const staff = await detail(w.operator, intake.case.code);
    expect(staff.reports[0]).toMatchObject({
      reporterName: '居民孙丽',
      reporterPhone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
  });

  it('keeps residents to their own reports: another resident’s case is not in their list, nor theirs to rate', async () => {
    const a = await newResident('居民甲');
    const b = await newResident('居民乙');
    const intake = await reportOk(a.client, {
      matterCode: 'CG-0101',
      description: '井盖松动',
      point: nextPoint(),
      formAnswers: { hazard: 'none' },
    });
    // The desk view of a case is not for residents at all, their own case included.
    expect((await b.client.get(`/api/cases/${intake.case.code}`)).statusCode).toBe(403);
    expect((await a.client.get(`/api/cases/${intake.case.code}`)).statusCode).toBe(403);
    expect((await myReports(b.client)).items.map((i) => i.code)).not.toContain(intake.case.code);
    expect((await command(b.client, intake.case.code, { type: 'rate', rating: 'satisfied' })).statusCode).toBe(404);
    // Staff have no "my reports"; nobody signed out has either.
    expect((await w.operator.get('/api/residents/me/reports')).statusCode).toBe(403);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/residents/me/reports' })).statusCode).toBe(401);
  });

  it('answers a pin outside the county with a clear 400', async () => {
    const { client } = await newResident();
    const r = await report(client, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: { lon: 116.4, lat: 39.9, crs: 'WGS84' },
      formAnswers: { hazard: 'none' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'outside-county' });
    expect(r.json().error.message).toContain('不在本县（市）网格范围内');
  });

  it('says where a pin lies before anything is sent, and why intake would refuse it', async () => {
    const { client } = await newResident();
    const here = await client.get(`/api/residents/place?lon=${grid.point[0]}&lat=${grid.point[1]}`);
    expect(here.statusCode, here.body).toBe(200);
    expect(here.json()).toMatchObject({
      grid: { code: grid.code },
      community: { name: expect.stringContaining('文定社区') },
      town: { name: expect.stringContaining('澄江街道') },
    });
    const beijing = await client.get('/api/residents/place?lon=116.4&lat=39.9');
    expect(beijing.statusCode).toBe(400);
    expect(beijing.json().error).toMatchObject({ code: 'outside-county' });
    // In the account's language (this resident signed up in Chinese).
    expect(beijing.json().error.message).toContain('不在本县（市）网格范围内');
    expect((await client.get('/api/residents/place?lon=abc&lat=31')).statusCode).toBe(400);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/residents/place?lon=120&lat=31' })).statusCode).toBe(401);
  });

  it('serves the pin map: the towns of the county, and no tiles unless configured', async () => {
    const { client } = await newResident();
    const r = await client.get('/api/residents/map');
    expect(r.statusCode).toBe(200);
    const map = r.json();
    expect(map.tiles).toBeNull();
    expect(map.towns.features.length).toBeGreaterThan(10);
    expect(map.towns.features[0].properties).toMatchObject({ code: expect.any(String), name: expect.any(String) });
    expect(['Polygon', 'MultiPolygon']).toContain(map.towns.features[0].geometry.type);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/residents/map' })).statusCode).toBe(401);
  });
});

describe('following a case by code and key, without an account', () => {
  it('shows public facts only, and the unit’s result with its photos once closed', async () => {
    const { client } = await newResident('居民周强');
    const ownPhoto = await uploadPhoto(client);
    const intake = await reportOk(client, {
      matterCode: 'CG-0101',
      description: '住址：文定路 8 号 302 室旁井盖缺失',
      point: nextPoint(),
      formAnswers: { hazard: 'risk' },
      photoIds: [ownPhoto],
      reporter: { anonymous: true },
    });
    const code = intake.case.code;
    const key = intake.followKey as string;

    const first = await publicView(code, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<PublicCaseView>()).toMatchObject({
      code,
      mergedFromCode: null,
      matter: { code: 'CG-0101', name: '井盖缺失' },
      state: 'submitted',
      closedAt: null,
      supporterCount: 0,
      timeline: [{ step: 'submitted' }],
      result: null,
    });
    // A key as a person types it: lower case, with a dash.
    expect((await publicView(code, `${key.slice(0, 4).toLowerCase()}-${key.slice(4)}`)).statusCode).toBe(200);

    await commandOk(w.operator, code, { type: 'supervise', note: '内部督办：请城管局张科长优先处理' });
    const feedbackPhoto = await closeCase(code);
    const closed = (await publicView(code, key)).json<PublicCaseView>();
    expect(closed).toMatchObject({
      state: 'resolved',
      result: { text: '已补装井盖并设置警示标志', photoIds: [feedbackPhoto] },
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((s) => s.step)).toEqual([
      'submitted',
      'registered',
      'dispatched',
      'accepted',
      'handled',
      'verified',
      'closed',
    ]);
    // No description, address, people, phones, units or internal notes.
    const text = JSON.stringify(closed);
    for (const secret of ['文定路 8 号', '居民周强', '张科长', '张三', '13800001111', '城市管理局', '督办', urban]) {
      expect(text).not.toContain(secret);
    }

    const thumb = await w.t.app.inject({
      method: 'GET',
      url: `/api/public/cases/${code}/photos/${feedbackPhoto}/thumbnail?key=${key}`,
      remoteAddress: '10.2.2.2',
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // The reporter's own photo, a wrong key or a bad id: not found.
    for (const url of [
      `/api/public/cases/${code}/photos/${ownPhoto}/thumbnail?key=${key}`,
      `/api/public/cases/${code}/photos/${feedbackPhoto}/thumbnail?key=${newFollowKey()}`,
      `/api/public/cases/${code}/photos/not-a-uuid/thumbnail?key=${key}`,
    ]) {
      expect((await w.t.app.inject({ method: 'GET', url, remoteAddress: '10.2.2.2' })).statusCode).toBe(404);
    }
  });

  it('answers a wrong or missing key, an unknown code and a malformed code alike: 404', async () => {
    const { client } = await newResident();
    const intake = await reportOk(client, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: nextPoint(),
      formAnswers: { hazard: 'none' },
    });
    const code = intake.case.code;
    const answers = await Promise.all([
      publicView(code),
      publicView(code, ''),
      publicView(code, newFollowKey()),
      publicView(code, 'not a key at all'),
      publicView('YW20200101-999999', intake.followKey),
      publicView('nonsense', intake.followKey),
    ]);
    for (const r of answers) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('not-found');
    }
    expect(new Set(answers.map((r) => r.json().error.message)).size).toBe(1);
  });

  it('follows a report merged into another case (并单) to that case', async () => {
    const { b, first, second } = await mergedReports('居民钱', '居民吴');
    const view = (await publicView(second.case.code, second.followKey)).json<PublicCaseView>();
    expect(view).toMatchObject({ code: first.case.code, mergedFromCode: second.case.code, supporterCount: 1 });
    expect(view.timeline.map((s) => s.step)).toContain('merged');
    // Both residents now find the one case in their lists.
    expect((await myReports(b.client)).items[0]).toMatchObject({ code: first.case.code, followKey: second.followKey });
  });

  it('limits lookups per address with a clear 429', async () => {
    const limited = await createTestApp({ config: { publicRateLimit: { max: 3, windowSeconds: 60 } } });
    try {
      const look = (remoteAddress: string) =>
        limited.app.inject({
          method: 'GET',
          url: `/api/public/cases/YW20260101-000001?key=${newFollowKey()}`,
          remoteAddress,
        });
      for (let i = 0; i < 3; i++) expect((await look('10.8.8.8')).statusCode).toBe(404);
      const blocked = await look('10.8.8.8');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate-limited');
      expect((await look('10.8.8.9')).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });
});

describe('rating from the portal (回访)', () => {
  it('offers the rating only while the case waits for it, and only to its reporter', async () => {
    const { client } = await newResident('居民郑');
    const intake = await reportOk(client, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: nextPoint(),
      formAnswers: { hazard: 'risk' },
    });
    const code = intake.case.code;
    const early = await command(client, code, { type: 'rate', rating: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'case-not-allowed-in-state' });
    expect(early.json().error.message).toContain('已上报待受理');

    await closeCase(code);
    expect((await myReports(client)).items[0]).toMatchObject({ code, state: 'resolved', canRate: true });
    // The demo resident did not report it.
    expect((await command(w.resident, code, { type: 'rate', rating: 'dissatisfied' })).statusCode).toBe(404);

    expect(await commandOk(client, code, { type: 'rate', rating: 'basically_satisfied', comment: '修得还行' })).toBe(
      'rated',
    );
    const after = (await myReports(client)).items[0];
    expect(after).toMatchObject({
      canRate: false,
      myRating: { rating: 'basically_satisfied', comment: '修得还行' },
    });
    const twice = await command(client, code, { type: 'rate', rating: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'case-already-rated', message: '这件事您已经评价过了，谢谢。' });
    expect((await publicView(code, intake.followKey)).json().timeline.at(-1).step).toBe('rated');
  });

  it('lets every reporter of a merged case rate it once, after the first rating too', async () => {
    const { a, b, first } = await mergedReports('居民冯', '居民陈');
    const code = first.case.code;
    await closeCase(code);
    for (const r of [a, b]) expect((await myReports(r.client)).items[0]).toMatchObject({ code, canRate: true });

    expect(await commandOk(a.client, code, { type: 'rate', rating: 'satisfied' })).toBe('rated');
    // The merged-in reporter still has a say once the case is rated…
    expect((await myReports(b.client)).items[0]).toMatchObject({ code, canRate: true, myRating: null });
    expect(await commandOk(b.client, code, { type: 'rate', rating: 'dissatisfied', comment: '还在晃' })).toBe('rated');
    expect((await myReports(b.client)).items[0]).toMatchObject({
      canRate: false,
      myRating: { rating: 'dissatisfied', comment: '还在晃' },
    });
    // …once, and the desk's callback is settled by the first rating.
    for (const client of [b.client, w.operator]) {
      const again = await command(client, code, { type: 'rate', rating: 'satisfied' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('case-already-rated');
    }
    const { ratings } = (await detail(w.operator, code)).workflow;
    expect(ratings.map((r) => [r.rating, r.additional])).toEqual([
      ['satisfied', false],
      ['dissatisfied', true],
    ]);
  });
});

describe('public wording (pure)', () => {
  it('maps every state and hides internal steps', () => {
    expect(publicStateOf('returned')).toBe('in_progress');
    expect(publicStateOf('archived')).toBe('resolved');
    expect(publicStateOf('voided')).toBe('not_accepted');
    for (const internal of ['supervised', 'returned', 'return_upheld', 'extension_requested', 'whistle_blown']) {
      expect(publicStepOf(internal)).toBeNull();
    }
    const t = new Date('2026-05-01T02:00:00Z');
    expect(
      publicTimeline([
        { type: 'reported', at: t },
        { type: 'supervised', at: t },
        { type: 'redispatched', at: t },
        { type: 'dispatched', at: t },
      ]),
    ).toEqual([
      { step: 'submitted', at: t.toISOString() },
      { step: 'dispatched', at: t.toISOString() },
    ]);
  });

  it('makes keys from the unambiguous alphabet and reads them as people type them', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newFollowKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${FOLLOW_KEY_LENGTH}}$`));
    expect(normalizeFollowKey('ab1o-iL2z')).toBe('AB10112Z');
    expect(normalizeFollowKey('7kq2-m9xd')).toBe('7KQ2M9XD');
    expect(normalizeFollowKey('7KQ2 M9XO')).toBe('7KQ2M9X0');
    expect(normalizeFollowKey('7KQ2M9XU')).toBeNull();
    expect(normalizeFollowKey('7KQ2M9X')).toBeNull();
  });
});
