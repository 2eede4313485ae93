import { sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { DEMO_PASSWORD } from '../demo/load-demo-county.js';
import { startJobRunner } from '../jobs/job-runner.js';
import { accountsJobs } from './accounts.jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers,
    ...(remoteAddress ? { remoteAddress } : {}),
  });

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the session with a CSRF token', async () => {
    const response = await login('operator', DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies[0];
    expect(cookie).toMatchObject({ name: 'yw_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'operator',
      roles: ['operator'],
      scope: { regionCode: '320281001', regionName: '澄江街道' },
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('marks the cookie Secure (and __Host-) when served over https', async () => {
    const secure = await createTestApp({ config: { secureCookies: true } });
    try {
      const response = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(response.cookies[0]).toMatchObject({ name: '__Host-yw_session', secure: true, httpOnly: true });
    } finally {
      await secure.close();
    }
  });

  it('issues a new session id at every login and ends the one the browser held', async () => {
    const first = await t.login('workstation');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'workstation', password: DEMO_PASSWORD },
      headers: { cookie: first.cookie },
    });
    const second = again.cookies[0];
    expect(second?.value).not.toBe(first.cookie.split('=')[1]);
    expect((await first.get('/api/auth/session')).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: `yw_session=${second?.value}` } })).statusCode,
    ).toBe(200);
  });

  it('logs out: the cookie no longer works', async () => {
    const client = await t.login('leader');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('ends sessions after the idle timeout and after the absolute timeout', async () => {
    const short = await createTestApp({ config: { session: { idleMinutes: 0, absoluteHours: 12 } } });
    try {
      const client = await short.login('admin');
      expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    } finally {
      await short.close();
    }
    const absolute = await createTestApp({ config: { session: { idleMinutes: 30, absoluteHours: 0 } } });
    try {
      const client = await absolute.login('admin');
      expect((await client.get('/api/auth/session')).statusCode).toBe(401);
    } finally {
      await absolute.close();
    }
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'to-disable',
      displayName: '待停用',
      password: 'Password123',
      roles: ['grid_worker'],
      scopeRegionCode: '320281001001',
    });
    expect(created.statusCode).toBe(201);
    const victim = await t.login('to-disable', 'Password123');
    expect((await victim.get('/api/regions/root')).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${created.json().id}`, { disabled: true })).statusCode).toBe(200);
    expect((await victim.get('/api/regions/root')).statusCode).toBe(401);
    const refused = await login('to-disable', 'Password123');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('account-disabled');
  });
});

describe('lockout and rate limit', () => {
  it('locks the account after five wrong passwords; the sixth attempt gets a clear 423', async () => {
    const admin = await t.login('admin');
    await admin.post('/api/users', {
      username: 'lock-me',
      displayName: '锁定测试',
      password: 'Password123',
      roles: ['grid_worker'],
      scopeRegionCode: '320281001001',
    });
    for (let i = 1; i <= 4; i++) {
      const r = await login('lock-me', 'wrong-password');
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('用户名或密码错误。连续错误 5 次，账号将被锁定 15 分钟。');
    }
    const fifth = await login('lock-me', 'wrong-password');
    expect(fifth.statusCode).toBe(423);
    const sixth = await login('lock-me', 'Password123', { 'accept-language': 'en-US,en;q=0.9' });
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().error).toMatchObject({ code: 'account-locked' });
    expect(sixth.json().error.message).toContain('Try again in 15 minutes');

    const audit = await admin.get('/api/audit?action=auth.login&objectType=user&limit=20');
    expect(audit.json().items.filter((r: { outcome: string }) => r.outcome === 'locked').length).toBeGreaterThanOrEqual(
      2,
    );

    // An admin can unlock it.
    const user = (await admin.get('/api/users?q=lock-me')).json().items[0];
    expect(user.lockedUntil).not.toBeNull();
    await admin.patch(`/api/users/${user.id}`, { unlock: true });
    expect((await login('lock-me', 'Password123')).statusCode).toBe(200);
  });

  it('an unknown username gets the same answer as a wrong password', async () => {
    const r = await login('nobody-here', 'whatever');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('invalid-credentials');
  });

  it('tells no one whether a name exists: an unknown name locks after five tries, with the same answers', async () => {
    const admin = await t.login('admin');
    await admin.post('/api/users', {
      username: 'exists-and-locks',
      displayName: '枚举测试',
      password: 'Password123',
      roles: ['grid_worker'],
      scopeRegionCode: '320281001001',
    });
    // From an address of its own, so the per-IP rate limit of the other tests does not interfere.
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let i = 1; i <= 6; i++) {
        const r = await login(username, 'wrong-password', { 'accept-language': 'en-US' }, '10.7.7.1');
        const { requestId, ...error } = r.json().error;
        expect(requestId).toBeTruthy();
        seen.push({ status: r.statusCode, error });
      }
      return seen;
    };
    const real = await answers('exists-and-locks');
    const unknown = await answers('does-not-exist-anywhere');
    expect(unknown).toEqual(real);
    expect(real.slice(4)).toEqual([
      expect.objectContaining({ status: 423, error: expect.objectContaining({ code: 'account-locked' }) }),
      expect.objectContaining({ status: 423, error: expect.objectContaining({ code: 'account-locked' }) }),
    ]);
    // The unknown name's lock holds for the right password of nothing, as a real lock would.
    const again = await login('does-not-exist-anywhere', 'Password123', {}, '10.7.7.2');
    expect(again.statusCode).toBe(423);
  });

  it('forgets an unknown name’s failures a day after the last one (the prune job), keeping recent ones', async () => {
    const { db } = t.database;
    const count = async () =>
      Number((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM login_failures`))[0]?.n);
    await login('stale-unknown-name', 'wrong-password', {}, '10.7.7.3');
    await login('fresh-unknown-name', 'wrong-password', {}, '10.7.7.3');
    const before = await count();
    // One of them last failed two days ago (as if the server had been running since).
    await db.execute(sql`UPDATE login_failures SET updated_at = now() - interval '2 days'
      WHERE updated_at = (SELECT min(updated_at) FROM login_failures WHERE updated_at > now() - interval '1 minute')`);
    const runner = startJobRunner(t.database, accountsJobs({ config: t.config, database: t.database }), t.app.log);
    expect(await runner.runNow('login-failures-prune')).toEqual({ ran: true, ok: true });
    await runner.stop();
    expect(await count()).toBe(before - 1);
  });

  it('limits login attempts per IP with a clear 429', async () => {
    const limited = await createTestApp({ config: { loginRateLimit: { max: 3, windowSeconds: 60 } } });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'x', password: 'y' },
          remoteAddress: '10.9.9.9',
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate-limited');
      expect(blocked.json().error.message).toMatch(/请 \d+ 秒后再试/);
      // Another address is not affected.
      const other = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
        remoteAddress: '10.9.9.8',
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated mutation without the session token', async () => {
    const admin = await t.login('admin');
    const body = { code: 'T-CSRF', name: 'CSRF', kind: 'department', regionCode: '320281' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      payload: body,
      headers: { cookie: admin.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      payload: body,
      headers: { cookie: admin.cookie, 'x-csrf-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await admin.post('/api/units', body)).statusCode).toBe(201);
  });

  it('refuses a request from another origin, even with the token', async () => {
    const admin = await t.login('admin');
    const r = await admin.request({
      method: 'POST',
      url: '/api/units',
      payload: { code: 'T-ORIGIN', name: 'x', kind: 'department', regionCode: '320281' },
      headers: { origin: 'https://evil.example' },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('authenticate integrations within their scope and stop working once revoked', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/api-keys', {
      name: '12345 热线',
      roles: ['operator'],
      scopeRegionCode: '320281001',
    });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    expect(secret).toMatch(/^yw_/);
    const listed = (await admin.get('/api/api-keys')).json().items;
    expect(JSON.stringify(listed)).not.toContain(secret);

    const asKey = (url: string) => t.app.inject({ url, headers: { 'x-api-key': secret } });
    expect((await asKey('/api/regions/320281001001')).statusCode).toBe(200);
    expect((await asKey('/api/regions/320281004')).statusCode).toBe(404);
    // No CSRF token needed: an API key is not an ambient credential.
    const bearer = await t.app.inject({ url: '/api/regions/root', headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.json().region.code).toBe('320281001');

    expect((await admin.delete(`/api/api-keys/${apiKey.id}`)).statusCode).toBe(204);
    expect((await asKey('/api/regions/root')).statusCode).toBe(401);
  });
});

describe('TOTP second factor', () => {
  it('enrolls, then requires the code at login', async () => {
    const admin = await t.login('admin');
    await admin.post('/api/users', {
      username: 'totp-user',
      displayName: 'TOTP',
      password: 'Password123',
      roles: ['leader'],
      scopeRegionCode: '320281',
    });
    const user = await t.login('totp-user', 'Password123');
    const setup = (await user.post('/api/auth/totp/setup')).json();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret) });
    expect(setup.otpauthUrl).toContain('otpauth://totp/');
    expect(
      (await user.post('/api/auth/totp/enable', { code: '000000' === totp.generate() ? '111111' : '000000' }))
        .statusCode,
    ).toBe(400);
    expect((await user.post('/api/auth/totp/enable', { code: totp.generate() })).statusCode).toBe(200);

    const noCode = await login('totp-user', 'Password123');
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp-required');
    // The code that enabled TOTP is spent: sign in with the next one (accepted within ±1 step).
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const withCode = (totpCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'totp-user', password: 'Password123', totpCode },
      });
    expect((await withCode(code)).statusCode).toBe(200);
    // A code works once: one seen over a shoulder or phished is refused the second time.
    const replayed = await withCode(code);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe('invalid-totp');
    const enrollmentCode = await withCode(totp.generate({ timestamp: Date.now() - 30_000 }));
    expect(enrollmentCode.json().error.code).toBe('invalid-totp');
  });

  it('when required for admins, an admin without TOTP can only enroll', async () => {
    const strict = await createTestApp({ config: { requireAdminTotp: true } });
    try {
      const admin = await strict.login('admin');
      expect(admin.session.totpEnrollmentRequired).toBe(true);
      const blocked = await admin.get('/api/users');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('totp-enrollment-required');
      const setup = (await admin.post('/api/auth/totp/setup')).json();
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret) });
      expect((await admin.post('/api/auth/totp/enable', { code: totp.generate() })).statusCode).toBe(200);
      expect((await admin.get('/api/users')).statusCode).toBe(200);
      // Operators are not affected.
      const operator = await strict.login('operator');
      expect(operator.session.totpEnrollmentRequired).toBe(false);
    } finally {
      await strict.close();
    }
  });
});
