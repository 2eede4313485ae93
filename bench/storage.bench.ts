// Storage per case, measured, not guessed: on the PostgreSQL server with the demo county,
// N intakes over HTTP; every table's rows and bytes (heap + indexes + TOAST) before and after
// give rows per intake and bytes per row; the demo's closed cases give the rows a whole loop
// adds (timeline events, domain events, audit rows, timers). Prints bytes per closed case and
// the storage of 25 000 cases a day for 5 years. Run: npx tsx bench/storage.bench.ts (STORAGE_CASES=2000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiKey, createBenchDatabase, reportPoints, startServer, stopServer } from './support/bench-server.js';

const CASES = Number(process.env.STORAGE_CASES ?? 2000);
const CASES_PER_DAY = 25_000;
const YEARS = 5;

interface TableSize {
  rows: number;
  bytes: number;
}

const db = await createBenchDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'yw-storage-'));
const server = await startServer(db.url, dataDir);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
try {
  const key = await createApiKey(server.url);
  const points = await reportPoints(server.url, key);
  const matters = (
    (await (await fetch(`${server.url}/api/catalog/matters`, { headers: { 'x-api-key': key } })).json()) as {
      items: { code: string; formFields: { required: boolean }[] }[];
    }
  ).items
    .filter((m) => !m.formFields.some((f) => f.required))
    .map((m) => m.code);

  const before = await sizes(client);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < CASES) {
        const i = next++;
        const [lon, lat] = points[(i * 7919) % points.length] as [number, number];
        const response = await fetch(`${server.url}/api/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': `storage-${i}` },
          body: JSON.stringify({
            matterCode: matters[i % matters.length],
            description: `存储测算上报 ${i}：人行道地砖松动，行人容易绊倒，请尽快修复。`,
            point: { lon: lon + ((i % 13) - 6) * 1e-5, lat: lat + ((i % 11) - 5) * 1e-5 },
            channel: 'desk',
            reporter: { name: '测试', phone: '13800000000' },
          }),
        });
        if (response.status !== 201 && response.status !== 200)
          throw new Error(`intake answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
    }),
  );
  await client.query('VACUUM ANALYZE');
  const after = await sizes(client);
  const created = Number(
    (await client.query("SELECT count(*) AS n FROM cases WHERE description LIKE '存储测算上报%'")).rows[0].n,
  );

  // What a whole loop writes beyond the intake, from the demo's closed cases (their full timelines).
  const loop = (
    await client.query<{ closed: string; events: string; domain: string; audit: string; timers: string }>(
      `WITH closed AS (SELECT id, code FROM cases WHERE state IN ('closed', 'rated', 'archived') AND description NOT LIKE '存储测算上报%')
       SELECT (SELECT count(*) FROM closed) AS closed,
              (SELECT count(*) FROM case_events e JOIN closed c ON c.id = e.case_id) AS events,
              (SELECT count(*) FROM domain_events d JOIN closed c ON c.id = d.aggregate_id) AS domain,
              (SELECT count(*) FROM audit_log a JOIN closed c ON a.object_type = 'case' AND a.object_id = c.code) AS audit,
              (SELECT count(*) FROM case_timers t JOIN closed c ON c.id = t.case_id) AS timers`,
    )
  ).rows[0];
  if (!loop || Number(loop.closed) === 0) throw new Error('the demo county has no closed cases to measure a loop on');
  const closedCases = Number(loop.closed);
  const loopRows: Record<string, number> = {
    case_events: Number(loop.events) / closedCases,
    domain_events: Number(loop.domain) / closedCases,
    // The demo loader audits its load once as a whole; in use, every command on a case writes
    // one audit row beside its timeline event.
    audit_log: Math.max(Number(loop.audit), Number(loop.events)) / closedCases,
    case_timers: Number(loop.timers) / closedCases,
  };

  console.log(`storage per case on the PostgreSQL server: ${created} intakes over HTTP (demo county loaded first)`);
  console.log(
    'table                       rows/intake  bytes/row (heap+index+toast)  rows/closed case  bytes/closed case',
  );
  let perIntake = 0;
  let perClosed = 0;
  for (const [table, a] of [...after.entries()].sort()) {
    const b = before.get(table) ?? { rows: 0, bytes: 0 };
    const rows = a.rows - b.rows;
    if (rows <= 0) continue;
    const bytesPerRow = (a.bytes - b.bytes) / rows;
    const rowsPerIntake = rows / created;
    const rowsPerClosed = Math.max(rowsPerIntake, loopRows[table] ?? 0);
    perIntake += rowsPerIntake * bytesPerRow;
    perClosed += rowsPerClosed * bytesPerRow;
    console.log(
      `${table.padEnd(28)}${rowsPerIntake.toFixed(2).padStart(11)}  ${bytesPerRow.toFixed(0).padStart(28)}  ${rowsPerClosed.toFixed(2).padStart(16)}  ${(rowsPerClosed * bytesPerRow).toFixed(0).padStart(17)}`,
    );
  }
  const cases = CASES_PER_DAY * 365 * YEARS;
  const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  console.log(
    `one intake writes ${perIntake.toFixed(0)} bytes; one closed case (its whole loop) ${perClosed.toFixed(0)} bytes`,
  );
  console.log(
    `${CASES_PER_DAY} cases/day for ${YEARS} years = ${(cases / 1e6).toFixed(1)} M cases → ${gib(cases * perClosed)} GiB of case data (photos apart; they live in the photo storage)`,
  );
} finally {
  await client.end();
  await stopServer(server.child);
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Rows (exact) and bytes (heap + indexes + TOAST) of every table in the public schema. */
async function sizes(c: pg.Client): Promise<Map<string, TableSize>> {
  const tables = (
    await c.query<{ name: string; bytes: string }>(
      `SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class
        WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    )
  ).rows;
  const result = new Map<string, TableSize>();
  for (const t of tables) {
    const rows = Number((await c.query(`SELECT count(*) AS n FROM "${t.name}"`)).rows[0].n);
    result.set(t.name, { rows, bytes: Number(t.bytes) });
  }
  return result;
}
