// Intake speed of this checkout (B) against another revision (A, BENCH_BASE, by default the last
// commit), in alternating rounds on one machine: single runs of intake.bench.ts move ±10 % with
// this shared machine's load, more than most changes do, while A and B measured a moment apart
// see the same machine. Each server runs on a database of its own, so each one's job runner (the
// domain event consumers, which a server on a shared database would run for both) works on its
// own intakes; the setup (API key, map) is done on each. Prints each round and the geometric mean
// of B/A. Not a test. Run: BENCH_BASE=<rev> npx tsx bench/intake-ab.bench.ts  (BENCH_ROUNDS=6, BENCH_SECONDS=8)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createBenchDatabase, startServer, stopServer } from './support/bench-server.js';
import { intakeRequests, reportMaterial } from './support/intake-reports.js';
import { describeLoad, type LoadResult, runLoad } from './support/load.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const base = process.env.BENCH_BASE ?? 'HEAD';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// A's code in a worktree of its own, with this checkout's dependencies.
const worktree = mkdtempSync(join(tmpdir(), 'yw-ab-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const revision = git('rev-parse', '--short', base);
git('worktree', 'add', '--detach', worktree, revision);
symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'));
const databases = [await createBenchDatabase(), await createBenchDatabase()] as const;
const dataDirs = [mkdtempSync(join(tmpdir(), 'yw-ab-a-')), mkdtempSync(join(tmpdir(), 'yw-ab-b-'))];
const servers: Awaited<ReturnType<typeof startServer>>[] = [];
try {
  servers.push(await startServer(databases[0].url, dataDirs[0] as string, 1, join(worktree, 'server')));
  servers.push(await startServer(databases[1].url, dataDirs[1] as string, 1, join(root, 'server')));
  const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
  const keys = [await createApiKey(a.url), await createApiKey(b.url)];
  const material = await reportMaterial(a.url, keys[0] as string);
  // Each its own reports, the same ones in the same order: a round takes the next slice.
  const requests = keys.map((key) => intakeRequests(material, key, 20_000 * (ROUNDS + 1)));
  const sent = [0, 0];
  const load = (which: 0 | 1, seconds: number) => {
    const slice = (requests[which] ?? []).slice(sent[which], (sent[which] ?? 0) + 20_000);
    sent[which] = (sent[which] ?? 0) + slice.length;
    return runLoad({
      url: (servers[which] as (typeof servers)[0]).url,
      connections: 16,
      seconds,
      requests: slice,
      inTurn: true,
    });
  };
  // Warm up both (JIT, pools, the grid index).
  await load(0, 3);
  await load(1, 3);
  console.log(
    `intake, A = ${revision} against B = this checkout, 16 connections, ${ROUNDS} rounds of ${SECONDS} s each, in turn:`,
  );
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Who goes first alternates: the machine's load drifts within a round too.
    const order: (0 | 1)[] = round % 2 === 0 ? [0, 1] : [1, 0];
    const results: LoadResult[] = [];
    for (const which of order) results[which] = await load(which, SECONDS);
    const [ra, rb] = results as [LoadResult, LoadResult];
    ratios.push(rb.perSecond / ra.perSecond);
    console.log(`  round ${round + 1}: A ${describeLoad(ra)}`);
    console.log(`           B ${describeLoad(rb)}   B/A ${(rb.perSecond / ra.perSecond).toFixed(3)}`);
  }
  const mean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
  console.log(
    `B/A: geometric mean ${mean.toFixed(3)}, B ahead in ${ratios.filter((r) => r > 1).length} of ${ratios.length} rounds (the same code on both sides gave 0.96 and 0.98 over 4 rounds: under ~5 % is noise)`,
  );
} finally {
  for (const server of servers) await stopServer(server.child);
  for (const database of databases) await database.drop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  git('worktree', 'remove', '--force', worktree);
}
