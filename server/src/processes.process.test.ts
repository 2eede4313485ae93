import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-processes-'));

/**
 * YIWANG_PROCESSES as an operator runs it. On the PostgreSQL server (TEST_DATABASE_URL, a fresh
 * database): two processes share the port and the sessions, a killed one is replaced, SIGTERM
 * stops them all cleanly. On the embedded database: refused at start with the reason.
 */
let serverUrl: string | undefined;
let dropDatabase = async () => {};
beforeAll(async () => {
  const testServer = process.env.TEST_DATABASE_URL;
  if (!testServer) return;
  const name = `yw_procs_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(testServer);
  url.pathname = `/${name}`;
  serverUrl = url.toString();
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
});
const started = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

const envOf = (databaseUrl: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  YIWANG_DATA_DIR: dataDir,
  YIWANG_LOAD_DEMO: 'false',
  YIWANG_PROCESSES: '2',
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
});

function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running: (http:\/\/localhost:\d+)[\s\S]*\n\n/);
      if (match?.[1]) resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** The server processes the primary runs now (its node children; tsx's esbuild service is not one). */
const serverProcesses = (primary: ChildProcess): number[] =>
  spawnSync('ps', ['--ppid', String(primary.pid), '-o', 'pid=,comm='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, command]) => command === 'node')
    .map(([pid]) => Number(pid));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('several server processes (YIWANG_PROCESSES)', () => {
  it('on the embedded database: refused at start, saying it needs a PostgreSQL server', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: envOf(''),
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('YIWANG_PROCESSES above 1 needs a PostgreSQL server (set DATABASE_URL)');
  });

  it('on the PostgreSQL server: two processes share the port and the sessions; a killed one is replaced', async () => {
    if (!serverUrl) {
      // Without a server the embedded path above is what this machine can run; the CI runs both.
      expect(process.env.TEST_DATABASE_URL).toBeUndefined();
      return;
    }
    const env = envOf(serverUrl);
    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/admin-create.ts', '--username', 'chief', '--display-name', '系统管理员'],
      { cwd: serverDir, env: { ...env, YIWANG_PROCESSES: '1' }, encoding: 'utf8' },
    );
    expect(created.status, created.stderr).toBe(0);
    const password = created.stdout.match(/one-time password: (\S+)/)?.[1] ?? '';

    const server = await start(env);
    try {
      expect(server.output).toContain('2 server processes');
      const workers = serverProcesses(server.child);
      expect(workers).toHaveLength(2);

      // A session made by one process is honoured by the other: the connections go round robin.
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${server.url}/api/auth/session`, { headers: { cookie, connection: 'close' } }).then((r) => r.status),
        ),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, () => 200));

      // A crashed process is replaced; the port keeps answering meanwhile.
      process.kill(workers[0] as number, 'SIGKILL');
      await until(() => {
        const now = serverProcesses(server.child);
        return now.length === 2 && !now.includes(workers[0] as number);
      }, 'a replacement process');
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        server.child.removeAllListeners('exit');
        server.child.on('exit', (c) => resolve(c));
        server.child.kill('SIGTERM');
      });
      expect(code).toBe(0);
    }
    expect(serverProcesses(server.child)).toEqual([]);
  }, 180_000);
});
