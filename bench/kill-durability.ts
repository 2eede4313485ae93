// Durability under a crash: intake load from 16 clients against the real server on the
// PostgreSQL server, SIGKILL in the middle, restart, then check that every acknowledged
// report is present exactly once — and that retrying the unacknowledged ones with their
// Idempotency-Key creates each exactly once more, nothing doubled. Prints what it found;
// exits non-zero on a loss or a double. Runs at one and at two server processes (KILL_PROCESSES=1,2),
// each on a fresh database; with two, every process is killed at once.
// Run: npx tsx bench/kill-durability.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createApiKey,
  createBenchDatabase,
  killServer,
  reportPoints,
  startServer,
  stopServer,
} from './support/bench-server.js';

const CONCURRENCY = 16;
const KILL_AFTER_MS = Number(process.env.KILL_AFTER_MS ?? 3000);
const PROCESS_COUNTS = (process.env.KILL_PROCESSES ?? '1,2').split(',').map(Number);

let failed = false;
for (const processes of PROCESS_COUNTS) {
  console.log(`== ${processes} server process${processes > 1 ? 'es' : ''}`);
  if (!(await crashAndCheck(processes))) failed = true;
}
process.exitCode = failed ? 1 : 0;

async function crashAndCheck(processes: number): Promise<boolean> {
  const db = await createBenchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'yw-kill-'));
  let server = await startServer(db.url, dataDir, processes);
  const client = new pg.Client({ connectionString: db.url });
  let failed = false;
  try {
    const key = await createApiKey(server.url);
    const points = await reportPoints(server.url, key);
    // A matter with no required form fields, so every body is valid.
    const matters = (
      (await (await fetch(`${server.url}/api/catalog/matters`, { headers: { 'x-api-key': key } })).json()) as {
        items: { code: string; formFields: { required: boolean }[] }[];
      }
    ).items.filter((m) => !m.formFields.some((f) => f.required));
    const matterCode = matters[0]?.code;
    const bodyOf = (i: number) => {
      const [lon, lat] = points[(i * 7919) % points.length] as [number, number];
      return JSON.stringify({ matterCode, description: `崩溃测试上报 ${i}`, point: { lon, lat }, channel: 'desk' });
    };
    const send = (base: string, i: number) =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': `kill-${i}` },
        body: bodyOf(i),
      });

    const acknowledged = new Map<number, string>(); // request number → report id
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    const base = server.url;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      while (!killed) {
        const i = next++;
        attempted.add(i);
        try {
          const response = await send(base, i);
          if (response.status === 200 || response.status === 201)
            acknowledged.set(i, ((await response.json()) as { reportId: string }).reportId);
        } catch {
          // The server died under this request: not acknowledged.
        }
      }
    });
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    killed = true;
    killServer(server.child);
    await Promise.all(workers);
    console.log(
      `SIGKILL after ${KILL_AFTER_MS} ms: ${attempted.size} requests sent, ${acknowledged.size} acknowledged`,
    );

    server = await startServer(db.url, dataDir, processes);
    await client.connect();
    const ids = [...acknowledged.values()];
    const present = await client.query<{ id: string }>('SELECT id FROM case_reports WHERE id = ANY($1::uuid[])', [ids]);
    const missing = ids.length - (present.rowCount ?? 0);
    const stored = await countBenchReports(client);
    console.log(
      `after restart: ${present.rowCount} of ${ids.length} acknowledged reports present (${missing} lost); ${stored} stored in all`,
    );

    // Retry everything not acknowledged, with the same keys: committed ones answer from the key, the rest are created now.
    const retry = [...attempted].filter((i) => !acknowledged.has(i));
    for (const i of retry) {
      const response = await send(server.url, i);
      if (response.status !== 200 && response.status !== 201)
        throw new Error(`retry ${i} answered ${response.status}: ${await response.text()}`);
    }
    // And once more for a sample of the acknowledged ones: nothing new may appear.
    for (const i of [...acknowledged.keys()].slice(0, 50)) await send(server.url, i);
    const benchReports = await countBenchReports(client);
    console.log(
      `after retrying ${retry.length} unacknowledged requests (and 50 acknowledged ones again): ${benchReports} reports from ${attempted.size} distinct requests`,
    );
    if (missing > 0 || benchReports !== attempted.size) {
      failed = true;
      console.log('FAILED: a report was lost or stored twice');
    } else {
      console.log('every acknowledged report present exactly once; every request stored exactly once after retries');
    }
  } finally {
    await client.end().catch(() => {});
    await stopServer(server.child);
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return !failed;
}

/** Reports this script made (the demo county has a few of its own). */
async function countBenchReports(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: string }>(
    "SELECT count(*) AS n FROM case_reports WHERE description LIKE '崩溃测试上报 %'",
  );
  return Number(r.rows[0]?.n);
}
