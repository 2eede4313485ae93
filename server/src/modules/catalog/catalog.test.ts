import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Client;
let operator: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  operator = await t.login('operator');
});
afterAll(() => t.close());

describe('the matter catalog in the database', () => {
  it('holds the 150 seeded matters, version 1 each', async () => {
    const list = (await operator.get('/api/catalog/matters')).json();
    expect(list.total).toBe(150);
    expect(list.items.every((m: { version: number }) => m.version === 1)).toBe(true);
    const cover = list.items.find((m: { code: string }) => m.code === 'CG-0101');
    expect(cover).toMatchObject({
      name: '井盖缺失',
      handlingLevel: 'town',
      ownerUnitCodes: ['urban', 'watersupply'],
      timeLimits: { handle: { unit: 'working_hours', amount: 4 } },
      needsOnSiteVerification: true,
      duplicateRadiusMeters: 50,
      escalation: { afterOverdueHours: 2 },
      active: true,
    });
    expect(cover.formFields.map((f: { code: string }) => f.code)).toEqual(['facility_code', 'hazard', 'cover_type']);
  });

  it('searches by pinyin initials, by characters, by keyword and by English', async () => {
    const codes = async (q: string) =>
      (await operator.get(`/api/catalog/matters?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((m: { code: string }) => m.code);
    expect((await codes('jgqs'))[0]).toBe('CG-0101');
    expect((await codes('jg')).slice(0, 2)).toEqual(['CG-0101', 'CG-0102']);
    expect(await codes('井盖')).toEqual(expect.arrayContaining(['CG-0101', 'CG-0102']));
    expect(await codes('窨井盖')).toContain('CG-0101');
    expect(await codes('manhole')).toEqual(expect.arrayContaining(['CG-0101', 'CG-0102']));
    expect(await codes('zzzzzz')).toEqual([]);
  });

  it('filters by owning department', async () => {
    const list = (await operator.get('/api/catalog/matters?department=fire')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((m: { ownerUnitCodes: string[] }) => m.ownerUnitCodes.includes('fire'))).toBe(true);
  });

  it('filters by category and handling level', async () => {
    const list = (await operator.get('/api/catalog/matters?category=urban_management&handlingLevel=community')).json();
    expect(list.total).toBeGreaterThan(3);
    expect(
      list.items.every(
        (m: { category: string; handlingLevel: string }) =>
          m.category === 'urban_management' && m.handlingLevel === 'community',
      ),
    ).toBe(true);
  });

  it('is readable by residents (they pick the matter) and not by anonymous callers', async () => {
    const resident = await t.login('resident');
    expect((await resident.get('/api/catalog/matters/CG-0302')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/matters' })).statusCode).toBe(401);
    expect((await operator.get('/api/catalog/matters/CG-9999')).statusCode).toBe(404);
    expect((await operator.get('/api/catalog/matters/nope')).statusCode).toBe(400);
  });
});

describe('editing a matter', () => {
  it('is for administrators only', async () => {
    const r = await operator.patch('/api/catalog/matters/CG-0104', { difficulty: 2, reason: '调整难度' });
    expect(r.statusCode).toBe(403);
  });

  it('opens a new version, closes the old one and audits the change', async () => {
    const r = await admin.patch('/api/catalog/matters/CG-0104', {
      timeLimits: { registerHours: 1, dispatchHours: 1, handle: { unit: 'working_days', amount: 1 }, verifyHours: 4 },
      keywords: ['路灯坏了', '路灯故障', '灯不亮'],
      reason: '2027年起路灯故障一个工作日内修复',
    });
    expect(r.statusCode, r.body).toBe(200);
    const detail = r.json();
    expect(detail.matter).toMatchObject({
      code: 'CG-0104',
      version: 2,
      validTo: null,
      timeLimits: { handle: { unit: 'working_days', amount: 1 } },
    });
    expect(detail.history.map((m: { version: number }) => m.version)).toEqual([1, 2]);
    expect(detail.history[0].validTo).toBe(detail.matter.validFrom);
    expect(detail.history[0].timeLimits.handle).toEqual({ unit: 'working_days', amount: 2 });

    const audit = (await admin.get('/api/audit?action=matter.update&objectId=CG-0104')).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].details).toMatchObject({
      version: 2,
      reason: '2027年起路灯故障一个工作日内修复',
      changes: {
        timeLimits: { from: { handle: { amount: 2 } }, to: { handle: { amount: 1 } } },
        keywords: { to: ['路灯坏了', '路灯故障', '灯不亮'] },
      },
    });
    // Only the current version is listed.
    const list = (await admin.get('/api/catalog/matters?q=ldbl')).json();
    expect(list.items.filter((m: { code: string }) => m.code === 'CG-0104')).toHaveLength(1);
  });

  it('changes nothing when nothing differs', async () => {
    const before = (await admin.get('/api/catalog/matters/CG-0105')).json();
    // The same form fields with their keys in another order are the same fields.
    const reordered = before.matter.formFields.map((f: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(f).reverse()),
    );
    const r = await admin.patch('/api/catalog/matters/CG-0105', {
      difficulty: before.matter.difficulty,
      formFields: reordered,
      reason: '核对',
    });
    expect(r.json().matter.version).toBe(1);
  });

  it('refuses a change that breaks the catalog rules, saying which and where', async () => {
    const r = await admin.request({
      method: 'PATCH',
      url: '/api/catalog/matters/CG-0201',
      payload: {
        ownerUnitCodes: ['no-such-department'],
        timeLimits: {
          registerHours: 2,
          dispatchHours: 2,
          handle: { unit: 'working_days', amount: 30 },
          verifyHours: 4,
        },
        reason: 'test',
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details).toEqual([
      { field: 'ownerUnitCodes', code: 'catalog', message: '没有部门 no-such-department' },
      {
        field: 'timeLimits.handle',
        code: 'catalog',
        message: '处置时限 30 个工作日超出一般类事项的上限（2 个工作日）',
      },
    ]);
    expect((await admin.get('/api/catalog/matters/CG-0201')).json().matter.version).toBe(1);
  });

  it('can retire a matter: it is no longer offered for reports', async () => {
    expect(
      (await admin.patch('/api/catalog/matters/QT-0202', { active: false, reason: '并入其他事项' })).statusCode,
    ).toBe(200);
    const list = (await operator.get('/api/catalog/matters?q=lldw')).json();
    expect(list.items.map((m: { code: string }) => m.code)).not.toContain('QT-0202');
    const all = (await admin.get('/api/catalog/matters?q=lldw&includeInactive=true')).json();
    expect(all.items.map((m: { code: string }) => m.code)).toContain('QT-0202');
  });
});

describe('adding a matter', () => {
  const body = {
    code: 'CG-0901',
    name: '外卖电动车乱停放',
    nameEn: 'Delivery e-bikes parked in the way',
    category: 'urban_management',
    kind: 'event',
    gbClass: 'street_order',
    ownerUnitCodes: ['urban', 'transport'],
    handlingLevel: 'town',
    limitClass: 'routine',
    difficulty: 2,
    needsOnSiteVerification: true,
    pinyinInitials: 'wmddcltf',
    keywords: ['外卖车', '电动车乱停'],
    formFields: [
      {
        code: 'bike_count',
        datatype: 'number',
        required: false,
        description: '车辆数量',
        descriptionEn: 'Number of bikes',
      },
    ],
    reason: '新增外卖电动车管理事项',
  };

  it('opens version 1 with the class’s limits, audited, and reportable at once', async () => {
    const r = await admin.post('/api/catalog/matters', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers.location).toBe('/api/catalog/matters/CG-0901');
    expect(r.json().matter).toMatchObject({
      code: 'CG-0901',
      version: 1,
      timeLimits: { registerHours: 2, dispatchHours: 2, handle: { unit: 'working_days', amount: 2 }, verifyHours: 4 },
      duplicateRadiusMeters: 50,
      duplicateWindowHours: 72,
      escalation: null,
      active: true,
    });
    expect((await operator.get('/api/catalog/matters?q=wmddc')).json().items[0].code).toBe('CG-0901');
    const audit = (await admin.get('/api/audit?action=matter.create&objectId=CG-0901')).json();
    expect(audit.items[0].details).toMatchObject({ version: 1, reason: '新增外卖电动车管理事项' });
  });

  it('never reuses a code and refuses a second matter of the same name', async () => {
    const again = await admin.post('/api/catalog/matters', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([{ field: 'code', code: 'taken', message: '已被占用，请换一个' }]);
    const sameName = await admin.post('/api/catalog/matters', {
      ...body,
      code: 'CG-0902',
      name: '井盖缺失',
      pinyinInitials: 'jgqs',
    });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error.details[0].field).toBe('name');
  });

  it('names each field that breaks a catalog rule, in the caller’s language', async () => {
    const r = await admin.post('/api/catalog/matters', {
      ...body,
      code: 'AQ-0999',
      pinyinInitials: 'gxd',
      ownerUnitCodes: ['urban', 'nobody'],
      timeLimits: { registerHours: 2, dispatchHours: 2, handle: { unit: 'working_days', amount: 9 }, verifyHours: 4 },
    });
    expect(r.statusCode).toBe(400);
    const details = r.json().error.details as { field: string; message: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { field: 'category', code: 'catalog', message: '编码前缀与事项类别不符' },
        { field: 'ownerUnitCodes', code: 'catalog', message: '没有部门 nobody' },
        {
          field: 'timeLimits.handle',
          code: 'catalog',
          message: '处置时限 9 个工作日超出一般类事项的上限（2 个工作日）',
        },
        expect.objectContaining({ field: 'pinyinInitials', code: 'catalog' }),
      ]),
    );
    expect((await admin.get('/api/catalog/matters/AQ-0999')).statusCode).toBe(404);
  });

  it('is for administrators only', async () => {
    expect((await operator.post('/api/catalog/matters', { ...body, code: 'CG-0903' })).statusCode).toBe(403);
  });
});
