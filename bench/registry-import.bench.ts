// The people import at acceptance size (issue 11 item 3): 10 000 rows with 40 planted mistakes of
// eight kinds (deterministic), dry run → run → the same file again, on a fresh embedded database
// with the demo county. Prints timings and counts; not a test (the API test checks a 500-row file).
// Run: npx tsx bench/registry-import.bench.ts [rows]
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.js';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { DEMO_PASSWORD } from '../server/src/modules/accounts/index.js';
import { loadDemoCountyIfEmpty } from '../server/src/modules/demo/load-demo-county.js';
import { gridLocatorFor } from '../server/src/modules/grids/index.js';
import { demoRegistry } from '../server/src/modules/registry/index.js';
import { generatePeopleImportFile, tableToXlsx } from '../server/src/modules/registry-import/acceptance-file.js';
import { runNextImport } from '../server/src/modules/registry-import/use-cases/run-imports.js';
import { loadConfig } from '../server/src/platform/config.js';

const rows = Number(process.argv[2] ?? 10_000);
const database = await openDatabase({});
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
    while (
      await runNextImport(
        { db: database.db, secretKey: config.secretKey, locator: gridLocatorFor(database) },
        { now: new Date() },
      )
    ) {}
    const runMs = performance.now() - t;
    const done = (await app.inject({ method: 'GET', url: `/api/registry-imports/${dry.id}`, headers })).json<
      Record<string, number>
    >();
    console.log(
      `${label}: dry run ${dryMs.toFixed(0)} ms, ${dry.problems.length} errors, ${dry.valid} valid; run ${runMs.toFixed(0)} ms: ` +
        `stored ${done.stored}, existing ${done.existing}, clashes ${done.clashes}, failed ${done.failed}; people +${(await people()) - before}`,
    );
  };
  console.log(`file: ${rows} rows, ${file.planted.length} planted mistakes, ${(bytes.length / 1024).toFixed(0)} KB`);
  await importOnce('first import');
  await importOnce('same file again');
  await app.close();
} finally {
  await database.close();
}
