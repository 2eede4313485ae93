// Issue 11 item 9: registry search p95 on a database already filled by `npm run registry:generate`
// (the whole county is about 1.2 M people), so the size is not limited by a bench's own import.
// Uses DATABASE_URL and the secret key of YIWANG_DATA_DIR (the ones the generator used): a sample
// of people is read back (ID numbers unsealed) to search for. Prints numbers; not a test.
// With --browser, the real server is started on the same database and key (web/dist built first:
// `cd web && npm run build`) and Chromium searches the desk and turns on each map layer as a
// county-wide operator (bench/support/registry-browser.ts), timing each in the page.
// Run: DATABASE_URL=… YIWANG_DATA_DIR=… npx tsx bench/registry-search.bench.ts [--searches 200] [--explain] [--browser]
import { parseArgs } from 'node:util';
import { REGISTRY_MAP_LAYERS } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { regionsLookups } from '../server/src/modules/regions/index.js';
import { unseal } from '../server/src/modules/registry/registry-secrets.js';
import { loadConfig } from '../server/src/platform/config.js';
import { startServer, stopServer } from './support/bench-server.js';
import { browseRegistry } from './support/registry-browser.js';
import { printSearchP95 } from './support/registry-search-p95.js';
import '../server/src/modules/index.js';

const { values } = parseArgs({
  options: {
    searches: { type: 'string', default: '200' },
    explain: { type: 'boolean', default: false },
    browser: { type: 'boolean', default: false },
  },
});
const config = loadConfig();
if (!config.databaseUrl) throw new Error('set DATABASE_URL to the database the generator filled');
const database = await openDatabase({ databaseUrl: config.databaseUrl });
const db = database.db;
try {
  const county = (await regionsLookups.roots(db))[0];
  if (!county) throw new Error('no county');
  const [{ people } = { people: 0 }] = await queryRows<{ people: number }>(
    db,
    sql`SELECT count(*)::int AS people FROM registry_people`,
  );
  const sampled = await queryRows<{ id: string; name: string; name_initials: string; id_number_sealed: string }>(
    db,
    sql`SELECT id, name, name_initials, id_number_sealed FROM registry_people TABLESAMPLE SYSTEM (1) REPEATABLE (2026)
        WHERE sealed_with = 'platform' AND id_number_sealed IS NOT NULL LIMIT 2000`,
  );
  const samples = sampled.map((r) => ({
    id: r.id,
    name: r.name,
    nameInitials: r.name_initials,
    idNumber: unseal(config.secretKey, r.id_number_sealed),
  }));
  await printSearchP95(db, {
    scopePath: county.path,
    secretKey: config.secretKey,
    samples,
    searches: Number(values.searches),
    people,
  });
  if (values.explain) {
    for (const q of [
      [...(samples[0]?.name ?? '王')][0] ?? '王',
      [...(samples[1]?.name ?? '王伟')].slice(-2).join(''),
    ]) {
      const plan = await queryRows<{ 'QUERY PLAN': string }>(
        db,
        sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT p.id FROM registry_people p
            JOIN registry_households h ON h.id = p.household_id JOIN registry_dwellings d ON d.id = h.dwelling_id
            JOIN registry_addresses a ON a.id = d.address_id
            WHERE (p.path = ${county.path} OR p.path LIKE ${`${county.path}/%`})
              AND (p.name COLLATE "C") LIKE ${`${q}%`}
            ORDER BY (p.name COLLATE "C"), p.id LIMIT 20`,
      );
      console.log(`plan of the first page (names starting with ${q}):\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
  if (values.browser) {
    const [surname = '王', second = '', third = ''] = [...(samples[0]?.name ?? '王伟')];
    const [road] = await queryRows<{ road: string; number: string }>(
      db,
      sql`SELECT road, number FROM registry_addresses TABLESAMPLE SYSTEM (1) REPEATABLE (2026) LIMIT 1`,
    );
    const queries = [
      surname,
      `${second}${third}`,
      samples[2]?.nameInitials ?? 'zw',
      road ? `${road.road}${road.number}号` : '文定路10号',
    ].filter((q) => q.length > 0);
    await printBrowserTimes(config.databaseUrl, queries);
  }
} finally {
  await database.close();
}

/** The real server on the same database and key, and the desk in Chromium as a county-wide operator. */
async function printBrowserTimes(databaseUrl: string, queries: string[]): Promise<void> {
  const dataDir = process.env.YIWANG_DATA_DIR;
  if (!dataDir) throw new Error('--browser needs YIWANG_DATA_DIR (the key the registry is sealed under)');
  const server = await startServer(databaseUrl, dataDir);
  try {
    const timings = await browseRegistry(server.url, {
      username: 'city-operator',
      queries,
      layers: [...REGISTRY_MAP_LAYERS],
    });
    console.log('in Chromium (keystroke or click to what the page shows), city-operator, whole county:');
    for (const s of timings.searches)
      console.log(`  search ${s.query.padEnd(16)} ${s.ms.toFixed(0).padStart(6)} ms  ${s.rows} rows`);
    for (const l of timings.layers)
      console.log(`  layer ${l.layer.padEnd(17)} ${l.ms.toFixed(0).padStart(6)} ms  ${l.total}`);
    if (timings.problems.length > 0) console.log(`  problems: ${timings.problems.join('; ')}`);
  } finally {
    await stopServer(server.child);
  }
}
