// Shared by the HTTP benchmarks: a throw-away database on the PostgreSQL server, the real
// server as a child process on it, and an API key for the load generator.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type AreaGeometry, GridIndex, polygonsOf } from '../../server/src/modules/grids/geometry/index.js';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const serverDir = join(dirname(fileURLToPath(import.meta.url)), '../../server');

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createBenchDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `yw_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `node --import tsx src/main.ts` on the given database (as `processes` processes) and
 * waits for its banner; from `dir`, another checkout's server/ (intake-ab.bench.ts), or this one's.
 */
export function startServer(dbUrl: string, dataDir: string, processes = 1, dir = serverDir): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
      '--import',
      'tsx',
      'src/main.ts',
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        YIWANG_DATA_DIR: dataDir,
        YIWANG_PROCESSES: String(processes),
        // A server database starts empty unless asked: the benches run on the demo county.
        YIWANG_LOAD_DEMO: 'true',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running: (http:\/\/localhost:\d+)/);
      if (match?.[1]) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${out}`)));
  });
}

export const stopServer = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Signs in as the demo admin and creates an API key with the operator role over the whole county. */
export async function createApiKey(base: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'yiwang2026' }),
  });
  const session = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const created = await fetch(`${base}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name: 'bench', roles: ['operator'], scopeRegionCode: '320281' }),
  });
  if (created.status !== 201) throw new Error(`api key: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}

/** The base grids of the map (level 3) and a point → grid index over them. */
async function baseGrids(base: string, key: string) {
  const response = await fetch(`${base}/api/grids/map.geojson?level=3`, { headers: { 'x-api-key': key } });
  const map = (await response.json()) as { features: { properties: { code: string }; geometry: AreaGeometry }[] };
  const index = new GridIndex(map.features.map((f) => ({ code: f.properties.code, geometry: f.geometry })));
  return { map, index };
}

/** Points inside base grids (ring centroids checked with the grid index), for reports that place. */
export async function reportPoints(base: string, key: string): Promise<[number, number][]> {
  const { map, index } = await baseGrids(base, key);
  const points: [number, number][] = [];
  for (const f of map.features) {
    const ring = polygonsOf(f.geometry)[0]?.[0] ?? [];
    const n = ring.length - 1;
    let x = 0;
    let y = 0;
    for (let i = 0; i < n; i++) {
      x += ring[i]?.[0] ?? 0;
      y += ring[i]?.[1] ?? 0;
    }
    // Keep it if it and its jittered neighbours (±6e-5°) are inside the same grid.
    const [cx, cy] = [x / n, y / n];
    const code = index.lookup(cx, cy);
    if (code && index.lookup(cx + 6e-5, cy + 6e-5) === code && index.lookup(cx - 6e-5, cy - 6e-5) === code)
      points.push([cx, cy]);
  }
  return points;
}

/**
 * Many points inside the base grids of one region (a grid worker's community): a lattice every
 * `spacing` degrees (~65 m by default, beyond the default 30 m of a confident duplicate) over the
 * region's grids, each kept if it and its jittered neighbours lie in one grid of the region.
 */
export async function reportPointsWithin(
  base: string,
  key: string,
  regionCode: string,
  spacing = 0.0006,
): Promise<[number, number][]> {
  const { map, index } = await baseGrids(base, key);
  const mine = map.features.filter((f) => f.properties.code.startsWith(regionCode));
  const corners = mine.flatMap((f) => polygonsOf(f.geometry).flatMap((polygon) => polygon[0] ?? []));
  const xs = corners.map((c) => c[0] ?? 0);
  const ys = corners.map((c) => c[1] ?? 0);
  const points: [number, number][] = [];
  for (let x = Math.min(...xs); x <= Math.max(...xs); x += spacing) {
    for (let y = Math.min(...ys); y <= Math.max(...ys); y += spacing) {
      const code = index.lookup(x, y);
      if (
        code?.startsWith(regionCode) &&
        index.lookup(x + 6e-5, y + 6e-5) === code &&
        index.lookup(x - 6e-5, y - 6e-5) === code
      )
        points.push([x, y]);
    }
  }
  return points;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** A bare Fastify server in its own process (empty-fastify.ts): the ceiling of any route here. */
export function startEmptyFastify(): Promise<RunningServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'empty-fastify.ts')],
    {
      cwd: serverDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening: (http:\/\/[\d.:]+)/);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`bare Fastify server exited (${code}): ${out}`)));
  });
}

/** `ps`'s list of a process's children; it exits 1 when there are none (one server process, nothing spawned). */
function childrenOf(pid: number | undefined): string {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { status?: number }).status === 1) return '';
    throw error;
  }
}

/** SIGKILL to the server and, when it runs several processes, to every one of them at the same moment. */
export function killServer(child: ChildProcess): void {
  const children = childrenOf(child.pid)
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
  child.kill('SIGKILL');
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
