// Issue 11 item 9: registry search p95 on a database already filled by `npm run registry:generate`
// (the whole county is about 1.2 M people), so the size is not limited by a bench's own import.
// Uses DATABASE_URL and the secret key of YIWANG_DATA_DIR (the ones the generator used): a sample
// of people is read back (ID numbers unsealed) to search for. Prints numbers; not a test.
// Run: DATABASE_URL=… YIWANG_DATA_DIR=… npx tsx bench/registry-search.bench.ts [--searches 200] [--explain]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { regionsLookups } from '../server/src/modules/regions/index.js';
import { unseal } from '../server/src/modules/registry/registry-secrets.js';
import { loadConfig } from '../server/src/platform/config.js';
import { printSearchP95 } from './support/registry-search-p95.js';
import '../server/src/modules/index.js';

const { values } = parseArgs({
  options: { searches: { type: 'string', default: '200' }, explain: { type: 'boolean', default: false } },
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
              AND p.name ILIKE ${`%${q}%`} AND registry_name_grams(p.name) @> ARRAY[lower(${q})]::text[]
            ORDER BY p.name || '', p.id LIMIT 20`,
      );
      console.log(`plan for ${q}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
} finally {
  await database.close();
}
