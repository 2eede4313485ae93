// The people import at acceptance size (issue 11 items 3–4): 10 000 rows with 40 planted mistakes of
// eight kinds (deterministic), dry run → run → the same file again, on a fresh database with the
// demo county (embedded, or a throw-away database on the PostgreSQL server with --pg). In the same
// run, the baseline: a raw COPY of the same people rows (the stored rows' plain column values,
// ID number and phone as text) into a copy of registry_people with all its indexes; the import's
// run time is printed next to it with the ratio (goal ≤ 2×). Prints timings and counts; not a test
// (the API test checks a 500-row file).
// Run: npx tsx bench/registry-import.bench.ts [rows] [--pg]
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.js';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { DEMO_PASSWORD } from '../server/src/modules/accounts/index.js';
import { loadDemoCountyIfEmpty } from '../server/src/modules/demo/load-demo-county.js';
import { demoRegistry } from '../server/src/modules/registry/index.js';
import { generatePeopleImportFile, tableToXlsx } from '../server/src/modules/registry-import/acceptance-file.js';
import { importDepsFor } from '../server/src/modules/registry-import/registry-import-deps.js';
import { runNextImport } from '../server/src/modules/registry-import/use-cases/run-imports.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createBenchDatabase } from './support/bench-server.js';

const { values, positionals } = parseArgs({
  options: { pg: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const rows = Number(positionals[0] ?? 10_000);
const bench = values.pg ? await createBenchDatabase() : null;
const database = await openDatabase(bench ? { databaseUrl: bench.url } : {});
console.log(`database: ${bench ? `PostgreSQL server (${bench.name})` : 'embedded PGlite'}`);
try {
  const secretKey = randomBytes(32);
  await loadDemoCountyIfEmpty(database.db, secretKey);
  const config = loadConfig(
    {},
    {
      dataDir: join(tmpdir(), `yw-bench-${randomBytes(4).toString('hex')}`),
      secretKey,
      webDistDir: undefined,
    },
  );
  const app = await buildApp({ config, database, logger: false });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'workstation', password: DEMO_PASSWORD },
  });
  const cookie = `${login.cookies[0]?.name}=${login.cookies[0]?.value}`;
  const headers = { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };

  const demo = await demoRegistry(database.db);
  const textOf = new Map(demo?.addresses.map((a) => [a.id, a.text]));
  const addresses = (demo?.dwellings ?? []).map((d) => textOf.get(d.addressId) ?? '');
  const file = generatePeopleImportFile({ addresses, rows, perKind: 5, seed: 2026 });
  const bytes = await tableToXlsx(file);
  const people = async () =>
    (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM registry_people`))[0]?.n ?? 0;

  const importOnce = async (label: string) => {
    const boundary = `----bench${randomBytes(6).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.xlsx"\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const before = await people();
    let t = performance.now();
    const checked = await app.inject({
      method: 'POST',
      url: '/api/registry-imports/people',
      payload,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const dry = checked.json<{ id: string; problems: unknown[]; valid: number }>();
    const dryMs = performance.now() - t;
    await app.inject({ method: 'POST', url: `/api/registry-imports/${dry.id}/start`, headers });
    t = performance.now();
    while (await runNextImport(importDepsFor(database, config.secretKey), { now: new Date() })) {}
    const runMs = performance.now() - t;
    const done = (await app.inject({ method: 'GET', url: `/api/registry-imports/${dry.id}`, headers })).json<
      Record<string, number>
    >();
    const runs = runMs;
    console.log(
      `${label}: dry run ${dryMs.toFixed(0)} ms, ${dry.problems.length} errors, ${dry.valid} valid; run ${runMs.toFixed(0)} ms: ` +
        `stored ${done.stored}, existing ${done.existing}, clashes ${done.clashes}, failed ${done.failed}; people +${(await people()) - before}`,
    );
    return { id: dry.id, runMs: runs };
  };

  /** The same people rows as plain values, COPYed into a copy of the table with all its indexes. */
  const rawCopy = async (importId: string) => {
    const columns = `id, household_id, relation, name, name_initials, id_number_sealed, id_number_index,
      id_number_masked, sex, birth_date, phone_sealed, phone_index, phone_masked, residence, moved_in_on, path`;
    const stored = await queryRows<Record<string, string | null>>(
      database.db,
      sql`SELECT p.* FROM registry_people p JOIN registry_import_rows r ON r.person_id = p.id
          WHERE r.import_id = ${importId} AND r.outcome = 'stored'`,
    );
    const { unseal } = await import('../server/src/modules/registry/registry-secrets.js');
    const plain = stored.map((p) => {
      const idNumber = p.id_number_sealed ? unseal(secretKey, p.id_number_sealed) : null;
      const phone = p.phone_sealed ? unseal(secretKey, p.phone_sealed) : null;
      return [
        p.id,
        p.household_id,
        p.relation,
        p.name,
        p.name_initials,
        idNumber,
        idNumber,
        idNumber,
        p.sex,
        p.birth_date,
        phone,
        phone,
        phone,
        p.residence,
        p.moved_in_on,
        p.path,
      ];
    });
    await database.db.execute(
      sql.raw(
        'CREATE TABLE people_copy (LIKE registry_people INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)',
      ),
    );
    const quote = (v: string | null | undefined) =>
      v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`;
    const t = performance.now();
    const csv = plain.map((r) => r.map(quote).join(',')).join('\n');
    if (database.kind === 'postgres') {
      const file = join(tmpdir(), `yw-import-copy-${process.pid}.csv`);
      writeFileSync(file, csv);
      await database.db.execute(sql.raw(`COPY people_copy (${columns}) FROM '${file}' WITH (FORMAT csv)`));
      rmSync(file, { force: true });
    } else {
      const client = (
        database.db as unknown as { $client: { query(q: string, p: unknown[], o: object): Promise<unknown> } }
      ).$client;
      await client.query(`COPY people_copy (${columns}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    }
    const copyMs = performance.now() - t;
    await database.db.execute(sql.raw('DROP TABLE people_copy'));
    return { rows: plain.length, copyMs };
  };
  console.log(`file: ${rows} rows, ${file.planted.length} planted mistakes, ${(bytes.length / 1024).toFixed(0)} KB`);
  const first = await importOnce('first import');
  const copy = await rawCopy(first.id);
  console.log(
    `import run ${first.runMs.toFixed(0)} ms vs raw COPY of the same ${copy.rows} people rows ${copy.copyMs.toFixed(0)} ms (same run) = ${(first.runMs / copy.copyMs).toFixed(2)} × (goal ≤ 2×)`,
  );
  await importOnce('same file again');
  await app.close();
} finally {
  await database.close();
  await bench?.drop();
}
