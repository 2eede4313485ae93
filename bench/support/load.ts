// An honest load generator for the HTTP benchmarks: autocannon in a process of its own
// (load-client.ts), so what is measured is the server, not Node's fetch in the bench.
import { execFile } from 'node:child_process';
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
  /** Take the requests in one turn shared by all connections (each request once per round), not each connection from the first. */
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

const client = join(dirname(fileURLToPath(import.meta.url)), 'load-client.ts');

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'yw-load-'));
  try {
    const file = join(dir, 'options.json');
    writeFileSync(file, JSON.stringify(options));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', client, file], { maxBuffer: 1 << 20 }, (err, out, errOut) =>
        err ? reject(new Error(`load generator failed: ${errOut || err.message}`)) : resolve(out),
      ),
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const describeLoad = (r: LoadResult): string =>
  `${r.perSecond.toFixed(0)} req/s   p50 ${r.p50.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   max ${r.max.toFixed(1)} ms` +
  (r.non2xx || r.errors ? `   (${r.non2xx} non-2xx, ${r.errors} errors)` : '');
