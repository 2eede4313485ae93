import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOTLINE_SECRET, loadConfig } from '../../platform/config.js';
import { publicHalf } from '../../platform/signing-key.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createAdministrator } from '../accounts/use-cases/create-administrator.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { DEMO_OPEN311_API_KEY } from '../demo/load-demo-county.js';
import { signHotline } from '../hotline/signature.js';
import { loadCountyBaseIfEmpty } from './load-county-base.js';

const PRODUCTION_ENV = { DATABASE_URL: 'postgres://yiwang@db.example/yiwang', YIWANG_SECURE_COOKIES: 'true' };
const key = randomBytes(32);

describe('which start loads the demo county', () => {
  it('the embedded database (npm start) loads it, with the demo hotline secret', () => {
    const config = loadConfig({}, { secretKey: key, dataDir: '/tmp/yiwang-unused' });
    expect(config.loadDemo).toBe(true);
    expect(config.hotline.secret).toBe(DEMO_HOTLINE_SECRET);
  });

  it('a PostgreSQL server does not, unless asked for; nor does it get the demo hotline secret', () => {
    const production = loadConfig(PRODUCTION_ENV, { secretKey: key, dataDir: '/tmp/yiwang-unused' });
    expect(production.loadDemo).toBe(false);
    expect(production.hotline.secret).toBeNull();

    const asked = loadConfig({ ...PRODUCTION_ENV, YIWANG_LOAD_DEMO: 'true' }, { secretKey: key });
    expect(asked.loadDemo).toBe(true);
    expect(asked.hotline.secret).toBe(DEMO_HOTLINE_SECRET);

    const declined = loadConfig({ YIWANG_LOAD_DEMO: 'false' }, { secretKey: key, dataDir: '/tmp/yiwang-unused' });
    expect(declined.loadDemo).toBe(false);
    expect(declined.hotline.secret).toBeNull();
  });
});

describe('the first run of a production database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: PRODUCTION_ENV });
  });
  afterAll(() => t.close());

  it('refuses the demo Open311 key and every hotline delivery', async () => {
    const open311 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: DEMO_OPEN311_API_KEY, service_code: 'CG-0302', description: 'x', lat: 31.9, long: 120.28 },
    });
    expect([401, 403]).toContain(open311.statusCode);
    const body = JSON.stringify({ orderNo: 'H-1' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const hotline = await t.app.inject({
      method: 'POST',
      url: '/api/integrations/hotline/work-orders',
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': timestamp,
        'x-hotline-signature': signHotline(DEMO_HOTLINE_SECRET, timestamp, body),
      },
      payload: body,
    });
    expect(hotline.statusCode).toBe(401);
  });

  it('admin:create → log in → only the password change is allowed → change it → the desk works', async () => {
    const db = t.database.db;
    expect(await createAdministrator({ db, username: 'chief' })).toEqual({ ok: false, reason: 'no-regions' });
    const base = await loadCountyBaseIfEmpty(db);
    expect(base.regions).toBeGreaterThan(300);
    expect(base.matters).toBeGreaterThan(100);
    expect(await loadCountyBaseIfEmpty(db)).toEqual({ regions: 0, matters: 0 });

    const created = await createAdministrator({ db, username: 'chief' });
    if (!created.ok) throw new Error(created.reason);
    expect(created.scopeRegionCode).toBe('320281');
    expect(created.oneTimePassword).toMatch(/^(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9]{16}$/);
    expect(await createAdministrator({ db, username: 'chief' })).toEqual({ ok: false, reason: 'username-taken' });

    const chief = await t.login('chief', created.oneTimePassword);
    expect(chief.session.mustChangePassword).toBe(true);
    expect(chief.session.permissions).toEqual([]);
    expect((await chief.get('/api/auth/session')).json()).toMatchObject({ mustChangePassword: true });

    const refused = await chief.get('/api/users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'password-change-required' });
    expect(refused.json().error.message).toContain('修改密码');
    const units = await chief.post('/api/units', {
      code: 'CC',
      name: '指挥中心',
      kind: 'command_center',
      regionCode: '320281',
    });
    expect(units.statusCode).toBe(403);

    const wrong = await chief.post('/api/auth/change-password', {
      currentPassword: 'not-it-1234',
      newPassword: 'a-new-secret-2026',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'current-password-wrong',
      details: [{ field: 'currentPassword', code: 'incorrect', message: '不正确' }],
    });
    const weak = await chief.post('/api/auth/change-password', {
      currentPassword: created.oneTimePassword,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const same = await chief.post('/api/auth/change-password', {
      currentPassword: created.oneTimePassword,
      newPassword: created.oneTimePassword,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);

    const changed = await chief.post('/api/auth/change-password', {
      currentPassword: created.oneTimePassword,
      newPassword: 'a-new-secret-2026',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ mustChangePassword: false });
    expect(changed.json().permissions).toContain('users.manage');

    expect((await chief.get('/api/regions/root')).statusCode).toBe(200);
    expect((await chief.get('/api/users')).statusCode).toBe(200);
    expect(
      (await chief.post('/api/units', { code: 'CC', name: '指挥中心', kind: 'command_center', regionCode: '320281' }))
        .statusCode,
    ).toBe(201);
    await expect(t.login('chief', created.oneTimePassword)).rejects.toThrow(/401/);
    expect((await t.login('chief', 'a-new-secret-2026')).session.mustChangePassword).toBe(false);

    const reset = await createAdministrator({ db, username: 'chief', reset: true });
    if (!reset.ok) throw new Error(reset.reason);
    expect((await chief.get('/api/regions/root')).statusCode).toBe(401); // its sessions ended
    expect((await t.login('chief', reset.oneTimePassword)).session.mustChangePassword).toBe(true);

    expect(
      await verifyAuditChain(db, { locale: 'en-US', publicKey: publicHalf(t.config.auditSigningKey) }),
    ).toMatchObject({ ok: true });
  });
});
