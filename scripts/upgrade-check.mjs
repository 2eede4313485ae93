#!/usr/bin/env node
// R7 — upgrades with data. Starts the previous release (the commit in .ci/previous-release)
// on a fresh database, loads the demo county and creates data through its API (a case reported
// over Open311, a resident signed up), stops it, then starts the current server on the same
// database and data dir (its migrations apply) and checks: no table lost rows, the case and the
// resident are still there through the API, and `npm run audit:verify` passes. Both databases:
// the embedded one (PGlite data dir) and a throw-away database on the PostgreSQL server
// (UPGRADE_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres as the admin URL).
// Only public APIs and the catalog of tables are used, so new migrations need no change here.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const execFileAsync = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const previous = readFileSync(join(root, '.ci', 'previous-release'), 'utf8').trim();
const adminUrl = process.env.UPGRADE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = mkdtempSync(join(tmpdir(), 'yiwang-upgrade-'));
const oldTree = join(work, 'previous');
const DEMO_PASSWORD = 'yiwang2026';
const DEMO_OPEN311_KEY = 'yw_demo_open311_key';

const log = (line) => console.log(`[upgrade-check] ${line}`);
function fail(message) {
  throw new Error(message);
}

/** Starts `server/src/main.ts` of a tree with tsx and waits for its banner; resolves to its URL. */
function startServer(tree, env, label) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(tree, 'server'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', YIWANG_WEB_DIST: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start in 180 s:\n${out}`));
    }, 180_000);
    const onData = (chunk) => {
      out += chunk.toString();
      const match = out.match(/running: (http:\/\/localhost:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          stop: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.on('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code}:\n${out}`));
    });
  });
}

async function signIn(url, username, password) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) fail(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await r.json();
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  return {
    get: (path) => fetch(`${url}${path}`, { headers }),
    post: (path, body) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }),
  };
}

/** Data made through the previous release's public API: an Open311 report and a resident. */
async function createData(url) {
  const definition = await (await fetch(`${url}/open311/v2/services/CG-0302.json`)).json();
  const form = new URLSearchParams({
    api_key: DEMO_OPEN311_KEY,
    service_code: 'CG-0302',
    address_string: '澄江街道人民中路',
    description: '升级检查：垃圾桶满了',
  });
  for (const a of (definition.attributes ?? []).filter((x) => x.required)) {
    const value =
      a.datatype === 'number'
        ? '2'
        : a.datatype === 'datetime'
          ? '2026-05-01T08:00:00+08:00'
          : (a.values?.[0]?.key ?? 'x');
    form.append(a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`, value);
  }
  const report = await fetch(`${url}/open311/v2/requests.json`, { method: 'POST', body: form });
  if (report.status !== 201) fail(`Open311 report: ${report.status} ${await report.text()}`);
  const [{ service_request_id: caseCode }] = await report.json();

  const phone = `139${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
  const resident = { phone, displayName: '升级检查居民', password: 'upgrade-check-2026' };
  const signUp = await fetch(`${url}/api/auth/register-resident`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(resident),
  });
  if (signUp.status !== 201) fail(`resident sign-up: ${signUp.status} ${await signUp.text()}`);
  return { caseCode, resident };
}

/** Row count of every application table (public and drizzle's journal). */
async function rowCounts(kind, target) {
  const query = async (run) => {
    const tables = await run(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const counts = {};
    for (const { name } of tables) {
      const [schema, table] = name.split('.');
      const [row] = await run(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
      counts[name] = row.n;
    }
    return counts;
  };
  if (kind === 'postgres') {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return await query(async (text) => (await client.query(text)).rows);
    } finally {
      await client.end();
    }
  }
  const client = await PGlite.create({ dataDir: target });
  try {
    return await query(async (text) => (await client.query(text)).rows);
  } finally {
    await client.close();
  }
}

async function checkUpgrade(kind) {
  const dataDir = mkdtempSync(join(work, `data-${kind}-`));
  let databaseUrl = '';
  let drop = async () => {};
  if (kind === 'postgres') {
    const name = `yw_upgrade_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const env = { YIWANG_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, YIWANG_LOAD_DEMO: 'true' };
  const countTarget = kind === 'postgres' ? databaseUrl : join(dataDir, 'pglite');
  try {
    log(`${kind}: previous release ${previous} on a fresh database`);
    const old = await startServer(oldTree, env, `previous release (${kind})`);
    let created;
    try {
      created = await createData(old.url);
    } finally {
      await old.stop();
    }
    const before = await rowCounts(kind, countTarget);
    log(`${kind}: case ${created.caseCode} and a resident created; ${Object.keys(before).length} tables`);

    const current = await startServer(root, env, `current server (${kind})`);
    try {
      const admin = await signIn(current.url, 'admin', DEMO_PASSWORD);
      const kase = await admin.get(`/api/cases/${created.caseCode}`);
      if (kase.status !== 200) fail(`case ${created.caseCode} after the upgrade: ${kase.status} ${await kase.text()}`);
      const open311 = await fetch(`${current.url}/open311/v2/requests/${created.caseCode}.json`);
      if (open311.status !== 200) fail(`Open311 read of ${created.caseCode} after the upgrade: ${open311.status}`);
      // The resident signs in with the phone: the blind index and the secret key survived.
      const resident = await signIn(current.url, created.resident.phone, created.resident.password);
      const mine = await resident.get('/api/auth/session');
      if ((await mine.json()).user?.displayName !== created.resident.displayName) fail('resident not readable');
    } finally {
      await current.stop();
    }

    const after = await rowCounts(kind, countTarget);
    const lost = Object.entries(before).filter(([table, n]) => (after[table] ?? -1) < n);
    if (lost.length)
      fail(`rows lost in the upgrade: ${lost.map(([t, n]) => `${t} ${n} → ${after[t] ?? 'gone'}`).join(', ')}`);
    const verified = await execFileAsync(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
      cwd: root,
      env: { ...process.env, ...env, LANG: 'en_US.UTF-8' },
    }).catch((error) => fail(`audit:verify after the upgrade (${kind}):\n${error.stdout ?? ''}${error.stderr ?? ''}`));
    log(`${kind}: ${verified.stdout.trim()}`);
    log(`${kind}: upgraded; no rows lost, case and resident readable, audit chain intact`);
  } finally {
    await drop();
  }
}

try {
  log(`previous release ${previous} → ${join(work, 'previous')}`);
  try {
    execFileSync('git', ['cat-file', '-e', `${previous}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    // A shallow clone may not hold it yet.
    execFileSync('git', ['fetch', '--quiet', '--depth=1', 'origin', previous], { cwd: root, stdio: 'inherit' });
  }
  execFileSync('git', ['worktree', 'add', '--detach', oldTree, previous], { cwd: root, stdio: 'ignore' });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: oldTree,
    stdio: 'inherit',
  });
  // Both at once: each mostly waits on its servers.
  // allSettled: a failure of one waits for the other to stop its servers.
  const results = await Promise.allSettled(['pglite', 'postgres'].map(checkUpgrade));
  const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason?.message ?? String(r.reason));
  if (failures.length) fail(failures.join('\n'));
  log('all green');
} catch (error) {
  console.error(`[upgrade-check] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  try {
    execFileSync('git', ['worktree', 'remove', '--force', oldTree], { cwd: root, stdio: 'ignore' });
  } catch {
    // Not added (the commit could not be found): nothing to remove.
  }
  rmSync(work, { recursive: true, force: true });
}
