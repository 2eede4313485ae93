// How long the demo registry (one community) adds to loading the demo county, and how big it is.
// Loads the demo county into a fresh embedded database, timing each module's demo loader, the way
// `npm start` and the test templates load it. Prints numbers; not a test.
// Run: npx tsx bench/registry-demo.bench.ts
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { DEMO_PASSWORD, hashPassword } from '../server/src/modules/accounts/index.js';
import { modules } from '../server/src/modules/index.js';

const database = await openDatabase({});
try {
  const context = { now: new Date(), passwordHash: await hashPassword(DEMO_PASSWORD), secretKey: randomBytes(32) };
  const times: Record<string, number> = {};
  const started = performance.now();
  await database.db.transaction(async (tx) => {
    for (const module of modules) {
      const t = performance.now();
      await module.demo?.(tx, context);
      times[module.name] = performance.now() - t;
    }
  });
  const total = performance.now() - started;
  const [size] = await queryRows<{ bytes: string }>(
    database.db,
    sql`SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c WHERE c.relname LIKE 'registry_%' AND c.relkind = 'r'`,
  );
  const slowest = Object.entries(times)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
    .join(', ');
  console.log(`demo county loaded in ${total.toFixed(0)} ms; slowest loaders: ${slowest}`);
  console.log(
    `registry: ${(times.registry ?? 0).toFixed(0)} ms (${((100 * (times.registry ?? 0)) / total).toFixed(1)} % of the load), tables ${(Number(size?.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`,
  );
} finally {
  await database.close();
}
