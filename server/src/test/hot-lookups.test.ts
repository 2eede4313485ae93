import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { type Database, openDatabase, queryRows } from '../db/client.js';
import { DEMO_PASSWORD } from '../modules/accounts/index.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, DEMO_COMMUNITY } from '../modules/cases/cases.test-helpers.js';
import type { Position } from '../modules/grids/geometry/index.js';
import { loadConfig } from '../platform/config.js';
import { sha256Hex } from '../platform/crypto.js';
import type { App } from '../platform/http.js';
import { createTestApp } from './app.js';
import { TEST_SECRET_KEY } from './test-secret-key.js';

/**
 * The rows every request reads — an API key's actor, the current matter, a region's command
 * units, the grid map's version — are kept in memory per process (db/cached-lookup.ts). A
 * change must still be seen: at once by the process that made it, within a moment (its
 * NOTIFY) by every other.
 */
let w: CaseWorld;
let point: Position;

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  const [grid] = await baseGridsOf(w, DEMO_COMMUNITY);
  if (!grid) throw new Error('no base grid');
  point = grid.point;
});
afterAll(() => w.t.close());

async function createKey(name: string): Promise<{ id: string; secret: string }> {
  const created = await w.admin.post('/api/api-keys', { name, roles: ['operator'], scopeRegionCode: '320281' });
  expect(created.statusCode, created.body).toBe(201);
  const { secret, apiKey } = created.json();
  return { id: apiKey.id, secret };
}

const health = (app: App, secret: string) =>
  app.inject({ url: '/api/regions/root', headers: { 'x-api-key': secret } }).then((r) => r.statusCode);

const reportWithKey = (app: App, secret: string, matterCode: string) =>
  app
    .inject({
      method: 'POST',
      url: '/api/cases',
      headers: { 'x-api-key': secret },
      payload: { matterCode, description: '井盖缺失', point: at(point, 40, -40) },
    })
    .then((r) => r.statusCode);

/** Asks until `probe` answers `expected` or passes it (a NOTIFY arrives within a commit's time; 5 s is plenty). */
async function eventually<T>(probe: () => Promise<T>, expected: T | ((value: T) => boolean)): Promise<T> {
  const done = typeof expected === 'function' ? (expected as (value: T) => boolean) : (value: T) => value === expected;
  const until = Date.now() + 5000;
  let last = await probe();
  while (!done(last) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await probe();
  }
  return last;
}

/** Runs SQL as another process would: on its own connection on a server, bypassing this process's writers. */
async function fromElsewhere(database: Database, ...statements: string[]): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    for (const statement of statements) await database.db.execute(sql.raw(statement));
    return;
  }
  const client = new pg.Client({ connectionString: await urlOf(database) });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function urlOf(database: Database): Promise<string> {
  const [row] = await queryRows<{ name: string }>(database.db, sql`SELECT current_database() AS name`);
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${row?.name}`;
  return url.toString();
}

describe('API keys', () => {
  it('a revoked key is refused at the very next request', async () => {
    const key = await createKey('hot-lookups revoke');
    expect(await health(w.t.app, key.secret)).toBe(200);
    expect(await health(w.t.app, key.secret)).toBe(200);
    expect((await w.admin.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(204);
    expect(await health(w.t.app, key.secret)).toBe(401);
  });

  it('is read from memory: a change that sends no NOTIFY goes unseen (until the max age)', async () => {
    const key = await createKey('hot-lookups kept');
    expect(await health(w.t.app, key.secret)).toBe(200);
    // The first lookup starts the LISTEN; values are kept once it is in place.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await health(w.t.app, key.secret)).toBe(200);
    // Triggers off (as a restore might run): no NOTIFY, so the kept actor still answers.
    await fromElsewhere(
      w.t.database,
      'SET session_replication_role = replica',
      `UPDATE api_keys SET revoked_at = now() WHERE id = '${key.id}'`,
      'SET session_replication_role = DEFAULT',
    );
    expect(await health(w.t.app, key.secret)).toBe(200);
    // Revoking through the API empties the cache in this process at once.
    expect((await w.admin.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(204);
    expect(await health(w.t.app, key.secret)).toBe(401);
  });

  it('notes its use once a minute, not at every request', async () => {
    const key = await createKey('hot-lookups last used');
    const lastUsed = async () =>
      (await w.admin.get('/api/api-keys')).json().items.find((k: { id: string }) => k.id === key.id).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect(await health(w.t.app, key.secret)).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 3; i++) expect(await health(w.t.app, key.secret)).toBe(200);
    expect(await lastUsed()).toBe(first);
  });

  it('a change made elsewhere (its NOTIFY) ends the key within a moment', async () => {
    const key = await createKey('hot-lookups elsewhere');
    expect(await health(w.t.app, key.secret)).toBe(200);
    // Noting a use (last_used_at) wakes no cache; a revocation does.
    await fromElsewhere(w.t.database, `UPDATE api_keys SET last_used_at = now() WHERE id = '${key.id}'`);
    expect(await health(w.t.app, key.secret)).toBe(200);
    await fromElsewhere(w.t.database, `UPDATE api_keys SET revoked_at = now() WHERE id = '${key.id}'`);
    expect(await eventually(() => health(w.t.app, key.secret), 401)).toBe(401);
  });
});

/** A new sign-in of `username`: its cookie and its session's id (sha256 of the token). */
async function signIn(username: string): Promise<{ cookie: string; sessionId: string }> {
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  const cookie = r.cookies[0];
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `${cookie.name}=${cookie.value}`, sessionId: sha256Hex(cookie.value) };
}

const sessionStatus = (app: App, cookie: string) =>
  app.inject({ url: '/api/auth/session', headers: { cookie } }).then((r) => r.statusCode);

async function logOut(cookie: string): Promise<void> {
  const { csrfToken } = (await w.t.app.inject({ url: '/api/auth/session', headers: { cookie } })).json();
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  expect(r.statusCode, r.body).toBeLessThan(300);
}

describe('sessions', () => {
  it('a session ended elsewhere (its NOTIFY) is refused within a moment; noting its use wakes nothing', async () => {
    const { cookie, sessionId } = await signIn('operator');
    expect(await sessionStatus(w.t.app, cookie)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sessionStatus(w.t.app, cookie)).toBe(200);
    // Triggers off: no NOTIFY, so the kept session still answers — it is read from memory.
    await fromElsewhere(
      w.t.database,
      'SET session_replication_role = replica',
      `UPDATE users SET locale = 'en-US' WHERE username = 'operator'`,
      'SET session_replication_role = DEFAULT',
    );
    // The actor's language (the kept user row's) is the language of its error messages.
    const locale = async () => {
      const r = await w.t.app.inject({ url: '/api/regions/999999999', headers: { cookie } });
      expect(r.statusCode).toBe(404);
      return /[\u4e00-\u9fff]/.test(r.json().error.message) ? 'zh-CN' : 'en-US';
    };
    expect(await locale()).toBe('zh-CN');
    await fromElsewhere(w.t.database, `UPDATE sessions SET last_seen_at = now() WHERE id = '${sessionId}'`);
    expect(await locale()).toBe('zh-CN');
    // The same change with its NOTIFY is seen.
    await fromElsewhere(w.t.database, `UPDATE users SET locale = 'zh-CN' WHERE username = 'operator'`);
    await fromElsewhere(w.t.database, `UPDATE users SET locale = 'en-US' WHERE username = 'operator'`);
    expect(await eventually(locale, 'en-US')).toBe('en-US');
    await fromElsewhere(w.t.database, `UPDATE users SET locale = 'zh-CN' WHERE username = 'operator'`);
    await fromElsewhere(w.t.database, `DELETE FROM sessions WHERE id = '${sessionId}'`);
    expect(await eventually(() => sessionStatus(w.t.app, cookie), 401)).toBe(401);
  });

  it('a logout and a disabled account end the session at the very next request', async () => {
    const first = await signIn('handler');
    expect(await sessionStatus(w.t.app, first.cookie)).toBe(200);
    expect(await sessionStatus(w.t.app, first.cookie)).toBe(200);
    await logOut(first.cookie);
    expect(await sessionStatus(w.t.app, first.cookie)).toBe(401);
  });
});

describe('the matter catalog', () => {
  it('an edited matter is taken by the next intake', async () => {
    const key = await createKey('hot-lookups matter');
    expect(await reportWithKey(w.t.app, key.secret, 'CG-0502')).toBe(201);
    const retire = await w.admin.patch('/api/catalog/matters/CG-0502', { active: false, reason: '停用' });
    expect(retire.statusCode, retire.body).toBe(200);
    expect(await reportWithKey(w.t.app, key.secret, 'CG-0502')).toBe(422);
    expect((await w.admin.patch('/api/catalog/matters/CG-0502', { active: true, reason: '恢复' })).statusCode).toBe(
      200,
    );
    expect([200, 201]).toContain(await reportWithKey(w.t.app, key.secret, 'CG-0502'));
  });

  it('a change made elsewhere (its NOTIFY) reaches the intake within a moment', async () => {
    const key = await createKey('hot-lookups matter elsewhere');
    expect([200, 201]).toContain(await reportWithKey(w.t.app, key.secret, 'CG-0503'));
    await fromElsewhere(w.t.database, `UPDATE matters SET active = false WHERE code = 'CG-0503' AND valid_to IS NULL`);
    expect(await eventually(() => reportWithKey(w.t.app, key.secret, 'CG-0503'), 422)).toBe(422);
    await fromElsewhere(w.t.database, `UPDATE matters SET active = true WHERE code = 'CG-0503' AND valid_to IS NULL`);
    expect([200, 201]).toContain(await eventually(() => reportWithKey(w.t.app, key.secret, 'CG-0503'), 200));
  });
});

describe('command units', () => {
  it('a report lands by a unit changed elsewhere within a moment', async () => {
    const key = await createKey('hot-lookups units');
    let reports = 0;
    const landing = async () => {
      // Each report 60 m from the last, so none is taken for a duplicate of another.
      const r = await w.t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { 'x-api-key': key.secret },
        payload: { matterCode: 'CG-0501', description: '小广告', point: at(point, -150 + 60 * reports++, 100) },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().case.commandUnit.code as string;
    };
    expect(await landing()).toBe(`${DEMO_COMMUNITY}-WS`);
    // The community's workstation becomes a department: its cases go up to the town's command center.
    await fromElsewhere(w.t.database, `UPDATE units SET kind = 'department' WHERE code = '${DEMO_COMMUNITY}-WS'`);
    try {
      expect(await eventually(landing, (code) => code !== `${DEMO_COMMUNITY}-WS`)).toMatch(/-CC$/);
    } finally {
      await fromElsewhere(w.t.database, `UPDATE units SET kind = 'workstation' WHERE code = '${DEMO_COMMUNITY}-WS'`);
    }
  });
});

/** A second server process on the same PostgreSQL database (PGlite is one process's own database). */
if (process.env.TEST_DATABASE_URL) {
  describe('another server process on the same database', () => {
    let other: { app: App; database: Database };

    beforeAll(async () => {
      const database = await openDatabase({ databaseUrl: await urlOf(w.t.database), migrate: false });
      const config = loadConfig(
        {},
        {
          dataDir: join(tmpdir(), `yiwang-test-${randomBytes(4).toString('hex')}`),
          secretKey: TEST_SECRET_KEY,
          auditSigningKey: generateKeyPairSync('ed25519').privateKey,
          webDistDir: undefined,
        },
      );
      const app = await buildApp({ config, database, logger: false });
      await app.ready();
      other = { app, database };
    });
    afterAll(async () => {
      await other.app.close();
      await other.database.close();
    });

    it('sees a key revoked here within a moment', async () => {
      const key = await createKey('hot-lookups other process');
      expect(await health(other.app, key.secret)).toBe(200);
      expect(await health(other.app, key.secret)).toBe(200);
      expect((await w.admin.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(204);
      expect(await eventually(() => health(other.app, key.secret), 401)).toBe(401);
    });

    it('sees a logout here within a moment', async () => {
      const { cookie } = await signIn('workstation');
      expect(await sessionStatus(other.app, cookie)).toBe(200);
      expect(await sessionStatus(other.app, cookie)).toBe(200);
      await logOut(cookie);
      expect(await eventually(() => sessionStatus(other.app, cookie), 401)).toBe(401);
    });

    it('takes a matter retired here within a moment', async () => {
      const key = await createKey('hot-lookups other process matter');
      expect(await reportWithKey(other.app, key.secret, 'CG-0501')).toBe(201);
      expect((await w.admin.patch('/api/catalog/matters/CG-0501', { active: false, reason: '停用' })).statusCode).toBe(
        200,
      );
      expect(await eventually(() => reportWithKey(other.app, key.secret, 'CG-0501'), 422)).toBe(422);
    });
  });
}
