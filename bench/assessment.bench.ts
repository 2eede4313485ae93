// Assessment at scale (issue 12 item 10): generates N cases over the demo map's base grids on the
// PostgreSQL server, lets the counter job count the closed periods from the domain event log, then
// times the county's indicator table of last month (from the counters) and one grid's drill-down
// to its cases, each next to baselines measured in the same run: the same table folded from every
// case (what the table cost before the counters) and a trivial SELECT 1.
//
//   npx tsx bench/assessment.bench.ts [--cases 3000000] [--days 180] [--runs 30] [--keep]
//   (BENCH_DATABASE_URL: the server's admin database, default postgres://postgres@127.0.0.1:5432/postgres)
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.js';
import { users } from '../server/src/modules/accounts/accounts.tables.js';
import { computeIndicators } from '../server/src/modules/assessment/use-cases/compute-indicators.js';
import { refreshIndicatorCounters } from '../server/src/modules/assessment/use-cases/count-indicators.js';
import { indicatorCases } from '../server/src/modules/assessment/use-cases/indicator-cases.js';
import { regions } from '../server/src/modules/regions/regions.tables.js';
import type { Actor } from '../server/src/platform/http.js';
import { createBenchDatabase, percentile } from './support/bench-server.js';
import { generateCases, prepareDatabase } from './support/generate-cases.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000000' },
    days: { type: 'string', default: '180' },
    runs: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(values.cases);
const RUNS = Number(values.runs);

const bench = await createBenchDatabase();
console.log(`database ${bench.name}; ${N} cases over ${values.days} days`);
try {
  await prepareDatabase(bench.url);
  const gen = await generateCases(bench.url, { cases: N, days: Number(values.days), seed: 1 });
  console.log(`generated in ${(gen.ms / 1000).toFixed(1)} s`);
  const database = await openDatabase({ databaseUrl: bench.url, migrate: false });
  const db = database.db;
  const now = new Date();

  let t0 = performance.now();
  const run = await refreshIndicatorCounters(db, now, { days: 35, weeks: 14, months: 6 });
  console.log(
    `counter job, first run (backfill of ${run.counted} closed periods, ${run.cases} cases read): ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = performance.now();
  const again = await refreshIndicatorCounters(db, now, { days: 35, weeks: 14, months: 6 });
  console.log(
    `counter job, next run (nothing new: ${again.counted} counted): ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const [leader] = await db.select().from(users).where(eq(users.username, 'leader'));
  const [county] = await db
    .select()
    .from(regions)
    .where(eq(regions.code, leader?.scopeRegionCode ?? ''));
  if (!leader || !county) throw new Error('no demo leader');
  const actor = {
    kind: 'user',
    id: leader.id,
    label: leader.displayName,
    roles: leader.roles,
    scopeRegionCode: county.code,
    scopePath: county.path,
    unitId: null,
    locale: 'zh-CN',
  } as unknown as Actor;
  const lastMonth = new Date(now.getTime() + 8 * 3_600_000);
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const day = lastMonth.toISOString().slice(0, 10);

  const time = async (runs: number, f: () => Promise<unknown>) => {
    await f();
    const ms: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95), runs };
  };
  const busiest = await db.execute(
    sql`SELECT grid_code FROM cases WHERE code LIKE 'YWG%' GROUP BY grid_code ORDER BY count(*) DESC LIMIT 1`,
  );
  const grid = (busiest as unknown as { rows: { grid_code: string }[] }).rows[0]?.grid_code as string;

  const results: [string, { p50: number; p95: number; runs: number }, string][] = [];
  results.push(['SELECT 1 (baseline)', await time(RUNS, () => db.execute(sql`SELECT 1`)), '']);
  const towns = await computeIndicators(db, actor, { level: 'town', period: 'month', day, now });
  results.push([
    `county table, towns, month ${day} (counters)`,
    await time(RUNS, () => computeIndicators(db, actor, { level: 'town', period: 'month', day, now })),
    `${towns.rows.length} rows; goal p95 ≤ 200 ms`,
  ]);
  const gridsTable = await computeIndicators(db, actor, { level: 'grid', period: 'month', day, now });
  results.push([
    `county table, grids, month ${day} (counters)`,
    await time(RUNS, () => computeIndicators(db, actor, { level: 'grid', period: 'month', day, now })),
    `${gridsTable.rows.length} rows; goal p95 ≤ 200 ms`,
  ]);
  const drill = await indicatorCases(db, actor, {
    level: 'grid',
    key: grid,
    indicator: 'onTimeClosureRate',
    period: 'month',
    day,
    now,
  });
  results.push([
    `drill-down, grid ${grid} 按期结案率 month ${day}`,
    await time(RUNS, () =>
      indicatorCases(db, actor, {
        level: 'grid',
        key: grid,
        indicator: 'onTimeClosureRate',
        period: 'month',
        day,
        now,
      }),
    ),
    `${drill.cases.length} cases; goal p95 ≤ 50 ms`,
  ]);
  results.push([
    `county table, towns, month ${day} (folded from every case: the old way, baseline)`,
    await time(Math.min(3, RUNS), () =>
      computeIndicators(db, actor, { level: 'town', period: 'month', day, now, fromCounters: false }),
    ),
    '',
  ]);
  console.log(`\n${N} cases, ${values.days} days, PostgreSQL server`);
  for (const [what, r, note] of results) {
    console.log(
      `${what.padEnd(72)} p50 ${r.p50.toFixed(1).padStart(8)} ms  p95 ${r.p95.toFixed(1).padStart(8)} ms  (${r.runs} runs) ${note}`,
    );
  }
  await database.close();
} finally {
  if (!values.keep) await bench.drop();
  else console.log(`kept ${bench.url}`);
}
