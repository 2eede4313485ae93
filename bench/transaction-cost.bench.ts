// The CPU of an empty transaction through Drizzle on the PostgreSQL server, made as the server
// makes its database (db/client.ts: no schema) next to one given the schema, same run. Given
// one, Drizzle builds a relational query builder per table on every transaction it opens.
// Prints numbers; not a test. Run: npx tsx bench/transaction-cost.bench.ts  (BENCH_DATABASE_URL=…)
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../server/src/db/schema.js';
import { ADMIN_URL } from './support/bench-server.js';

const RUNS = 2_000;
const ROUNDS = 4;
const pool = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
try {
  const made = [
    ['as the server makes it (no schema)', drizzle(pool)],
    [`given the schema (${Object.keys(schema).length} exports)`, drizzle(pool, { schema })],
  ] as const;
  console.log(`an empty transaction (BEGIN, COMMIT), ${RUNS} in a row, one connection, ${ROUNDS} rounds in turn:`);
  for (const [, db] of made) for (let i = 0; i < 500; i++) await db.transaction(async () => {});
  const cpuOf = made.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [, db]] of made.entries()) {
      const cpu = process.cpuUsage();
      for (let run = 0; run < RUNS; run++) await db.transaction(async () => {});
      const used = process.cpuUsage(cpu);
      cpuOf[i]?.push((used.user + used.system) / RUNS);
    }
  }
  for (const [i, [label]] of made.entries()) {
    const each = (cpuOf[i] ?? []).map((c) => c.toFixed(0)).join(', ');
    console.log(`  ${label}: ${each} µs of Node CPU per transaction`);
  }
} finally {
  await pool.end();
}
