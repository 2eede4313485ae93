// An honest load generator for the HTTP benchmarks, in a process of its own so that what is
// measured is the server, not Node's fetch in the bench: wrk (C, Debian's `wrk` package), or
// autocannon (load-client.ts) with BENCH_LOAD_CLIENT=autocannon or where wrk is not installed.
// On this 2-core machine the client shares the cores with the server and PostgreSQL, so the
// cheaper client leaves more of them to what is measured (docs/SCALING.md has both).
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Sent in turn by every connection; `[<id>]` anywhere becomes a fresh id per request. */
  requests: LoadRequest[];
  /** Take the requests in one turn shared by all connections (each request once per round), not each connection from the first (autocannon; wrk always does). */
  inTurn?: boolean;
}
export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

const here = dirname(fileURLToPath(import.meta.url));

const wrkInstalled = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its usage and exits 1: installed all the same.
    return (error as { status?: number }).status === 1;
  }
})();

/** The client runLoad uses: wrk unless BENCH_LOAD_CLIENT=autocannon or wrk is not installed. */
export const loadClient: 'wrk' | 'autocannon' =
  process.env.BENCH_LOAD_CLIENT === 'autocannon' || !wrkInstalled ? 'autocannon' : 'wrk';
if (process.env.BENCH_LOAD_CLIENT === 'wrk' && !wrkInstalled) {
  throw new Error('BENCH_LOAD_CLIENT=wrk, but wrk is not installed (apt-get install wrk)');
}

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile(command, args, { maxBuffer: 1 << 20 }, (err, out, errOut) =>
      err ? reject(new Error(`load generator failed: ${errOut || err.message}`)) : resolve(out),
    ),
  );
const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

/** `[<id>]` stands for a fresh id per request: for wrk, a run's prefix and a count of this many digits (load-wrk.lua). */
const ID_DIGITS = 12;
const ID_PREFIX_BYTES = 4;
/** Every id of a wrk run is this long, so a Content-Length counted with any one in place holds. */
const ID_LENGTH = ID_PREFIX_BYTES * 2 + ID_DIGITS;

/**
 * The requests as raw HTTP/1.1 for load-wrk.lua: each ended by NUL, cut by \x01 where an id goes.
 * The Content-Length is counted with an id in place, which is why every id has one length.
 */
function rawRequests(url: URL, requests: LoadRequest[]): string {
  const cut = '\x01';
  return requests
    .map((r) => {
      const body = r.body ?? '';
      const head = [`${r.method} ${r.path} HTTP/1.1`, `Host: ${url.host}`];
      for (const [name, value] of Object.entries(r.headers ?? {})) head.push(`${name}: ${value}`);
      if (r.method === 'POST') {
        const length = Buffer.byteLength(body.replaceAll('[<id>]', 'x'.repeat(ID_LENGTH)));
        head.push(`Content-Length: ${length}`);
      }
      return `${[...head, '', body].join('\r\n').replaceAll('[<id>]', cut)}\0`;
    })
    .join('');
}

async function runWrk(options: LoadOptions, dir: string): Promise<LoadResult> {
  const url = new URL(options.url);
  const file = join(dir, 'requests.bin');
  // wrk's connections each start at the turn's next request whether or not `inTurn` is set.
  writeFileSync(file, rawRequests(url, options.requests));
  const out = lastLine(
    await run('wrk', [
      '-t1',
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--timeout',
      '10s',
      '-s',
      join(here, 'load-wrk.lua'),
      options.url,
      '--',
      file,
      randomBytes(ID_PREFIX_BYTES).toString('hex'),
      String(ID_DIGITS),
    ]),
  ) as Omit<LoadResult, 'perSecond'> & { duration: number };
  return {
    requests: out.requests,
    perSecond: out.requests / (out.duration / 1e6),
    p50: out.p50 / 1000,
    p99: out.p99 / 1000,
    max: out.max / 1000,
    non2xx: out.non2xx,
    errors: out.errors,
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'yw-load-'));
  try {
    if (loadClient === 'wrk') return await runWrk(options, dir);
    const file = join(dir, 'options.json');
    writeFileSync(file, JSON.stringify(options));
    return lastLine(await run(process.execPath, ['--import', 'tsx', join(here, 'load-client.ts'), file])) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const describeLoad = (r: LoadResult): string =>
  `${r.perSecond.toFixed(0)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   max ${r.max.toFixed(1)} ms` +
  (r.non2xx || r.errors ? `   (${r.non2xx} non-2xx, ${r.errors} errors)` : '');
