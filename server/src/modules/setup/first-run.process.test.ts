import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-first-run-'));

/**
 * A production start as an operator does it: on the PostgreSQL server (TEST_DATABASE_URL, a
 * fresh database) without any demo flag; without a server, the embedded database with
 * YIWANG_LOAD_DEMO=false, the same path after the demo decision.
 */
let env: NodeJS.ProcessEnv = {};
let dropDatabase = async () => {};
beforeAll(async () => {
  env = { ...process.env, DATABASE_URL: '', YIWANG_DATA_DIR: dataDir, YIWANG_LOAD_DEMO: 'false' };
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `yw_first_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env = { ...process.env, DATABASE_URL: url.toString(), YIWANG_DATA_DIR: dataDir, YIWANG_SECURE_COOKIES: 'false' };
    delete env.YIWANG_LOAD_DEMO;
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
});
/** Every server started here; one a failed assertion left running is killed before the database goes. */
const started = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running: (http:\/\/localhost:\d+)[\s\S]*\n\n/);
      if (match?.[1]) resolve({ child, url: match[1], output: out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

const post = (url: string, body: object, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the first run of a production install, as processes', () => {
  it('starts empty → admin:create → log in → change the password → the desk works', async () => {
    const first = await start();
    expect(first.output).toContain('npm run admin:create -- --username');
    expect(first.output).not.toContain('yiwang2026');
    expect((await post(`${first.url}/api/auth/login`, { username: 'admin', password: 'yiwang2026' })).status).toBe(401);
    expect(await stop(first.child)).toBe(0);

    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/admin-create.ts', '--username', 'chief', '--display-name', '系统管理员'],
      { cwd: serverDir, env, encoding: 'utf8' },
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain('loaded the county');
    const password = created.stdout.match(/one-time password: (\S+)/)?.[1] ?? '';
    expect(password).toHaveLength(16);

    const second = await start();
    try {
      const login = await post(`${second.url}/api/auth/login`, { username: 'chief', password });
      expect(login.status).toBe(200);
      const session = (await login.json()) as { csrfToken: string; mustChangePassword: boolean };
      expect(session.mustChangePassword).toBe(true);
      const headers = {
        cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
        'x-csrf-token': session.csrfToken,
      };
      expect((await fetch(`${second.url}/api/units`, { headers })).status).toBe(403);
      const changed = await post(
        `${second.url}/api/auth/change-password`,
        { currentPassword: password, newPassword: 'chief-password-2026' },
        headers,
      );
      expect(changed.status).toBe(200);
      expect((await fetch(`${second.url}/api/units`, { headers })).status).toBe(200);
      expect((await fetch(`${second.url}/api/regions/root`, { headers })).status).toBe(200);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 180_000);
});
