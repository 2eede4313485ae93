// Assessment and case lists at scale (issue 12 item 10, issue 16 item 6): generates N cases over
// the demo map's base grids on the PostgreSQL server, lets the counter job count the closed periods
// from the domain event log, then times the county's indicator table of last month (from the
// counters), one grid's drill-down to its cases (first page and the next), the desk's case list,
// the supervision list and one case page, each next to baselines measured in the same run: the
// same table folded from every case (what the table cost before the counters) and a trivial
// SELECT 1. It also checks that the counters give the very numbers the fold gives.
//
//   npx tsx bench/assessment.bench.ts [--cases 3000000] [--days 180] [--runs 30] [--keep] [--database NAME]
//     [--horizon 35,14,6] [--fold all|town|none] [--keep-counters]   (the folded baseline and the check against it: both levels, towns only or none)
//   (BENCH_DATABASE_URL: the server's admin database, default postgres://postgres@127.0.0.1:5432/postgres;
//   --database reuses a kept database: migrated to this tree, generated only if it has fewer
//   generated cases than --cases, never dropped; its counters are counted afresh)
import { parseArgs } from 'node:util';
import type { IndicatorTable } from '@yiwang/contracts';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.js';
import { users } from '../server/src/modules/accounts/accounts.tables.js';
import { computeIndicators } from '../server/src/modules/assessment/use-cases/compute-indicators.js';
import { refreshIndicatorCounters } from '../server/src/modules/assessment/use-cases/count-indicators.js';
import { indicatorCases } from '../server/src/modules/assessment/use-cases/indicator-cases.js';
import { getCase } from '../server/src/modules/cases/use-cases/get-case.js';
import { listCases, listSupervision } from '../server/src/modules/cases/use-cases/list-cases.js';
import { regions } from '../server/src/modules/regions/regions.tables.js';
import type { Actor } from '../server/src/platform/http.js';
import { createBenchDatabase, databaseUrl, percentile } from './support/bench-server.js';
import { generateCases, prepareDatabase, settleGenerated } from './support/generate-cases.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000000' },
    days: { type: 'string', default: '180' },
    runs: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    horizon: { type: 'string', default: '35,14,6' },
    fold: { type: 'string', default: 'all' },
    'keep-counters': { type: 'boolean', default: false },
  },
});
const [hDays, hWeeks, hMonths] = (values.horizon ?? '').split(',').map(Number);
/** The closed periods the counter job keeps (days,weeks,months back): its first run counts them all. */
const HORIZON = { days: hDays ?? 35, weeks: hWeeks ?? 14, months: hMonths ?? 6 };
const N = Number(values.cases);
const RUNS = Number(values.runs);

const bench = values.database
  ? { name: values.database, url: databaseUrl(values.database), drop: async () => {} }
  : await createBenchDatabase();
console.log(`database ${bench.name}; ${N} cases over ${values.days} days`);
try {
  await prepareDatabase(bench.url);
  const database = await openDatabase({ databaseUrl: bench.url, migrate: false });
  const db = database.db;
  const generated = await db.execute(sql`SELECT count(*)::int AS n FROM cases WHERE code LIKE 'YWG%'`);
  if (Number((generated as unknown as { rows: { n: number }[] }).rows[0]?.n) < N) {
    const gen = await generateCases(bench.url, { cases: N, days: Number(values.days), seed: 1 });
    console.log(`generated in ${(gen.ms / 1000).toFixed(1)} s`);
  } else {
    await settleGenerated(bench.url);
    console.log('generated cases found: reused');
  }
  // A reused database is counted afresh, so the first run below is the whole catch-up (unless asked to keep them).
  if (!values['keep-counters']) {
    await db.execute(
      sql`TRUNCATE assessment_indicator_counters, assessment_case_counters, assessment_counted_periods, assessment_indicator_counter_cursor`,
    );
  }
  const now = new Date();

  let t0 = performance.now();
  const run = await refreshIndicatorCounters(db, now, HORIZON);
  console.log(
    `counter job, first run (backfill of ${run.counted} closed periods, ${run.cases} cases read): ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = performance.now();
  const again = await refreshIndicatorCounters(db, now, HORIZON);
  console.log(
    `counter job, next run (nothing new: ${again.counted} counted): ${(performance.now() - t0).toFixed(0)} ms`,
  );

  /** The actor of a demo account, as the HTTP layer builds it. */
  const actorOf = async (username: string): Promise<Actor> => {
    const [user] = await db.select().from(users).where(eq(users.username, username));
    const [region] = await db
      .select()
      .from(regions)
      .where(eq(regions.code, user?.scopeRegionCode ?? ''));
    if (!user || !region) throw new Error(`no demo account ${username}`);
    return {
      kind: 'user',
      id: user.id,
      label: user.displayName,
      roles: user.roles,
      scopeRegionCode: region.code,
      scopePath: region.path,
      unitId: user.unitId,
      locale: 'zh-CN',
    } as unknown as Actor;
  };
  const actor = await actorOf('leader');
  const operator = await actorOf('city-operator');
  const lastMonth = new Date(now.getTime() + 8 * 3_600_000);
  lastMonth.setUTCDate(1);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
  const day = lastMonth.toISOString().slice(0, 10);

  const time = async (runs: number, f: () => Promise<unknown>, warm = true) => {
    if (warm) await f();
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

  type Row = [string, { p50: number; p95: number; runs: number }, string];
  const results: Row[] = [];
  const line = ([what, r, note]: Row) =>
    `${what.padEnd(72)} p50 ${r.p50.toFixed(1).padStart(8)} ms  p95 ${r.p95.toFixed(1).padStart(8)} ms  (${r.runs} runs) ${note}`;
  /** Keeps a result for the table at the end, and prints it now (a later step may not finish). */
  const record = (row: Row) => {
    results.push(row);
    console.log(line(row));
  };
  record(['SELECT 1 (baseline)', await time(RUNS, () => db.execute(sql`SELECT 1`)), '']);
  const towns = await computeIndicators(db, actor, { level: 'town', period: 'month', day, now });
  record([
    `county table, towns, month ${day} (counters)`,
    await time(RUNS, () => computeIndicators(db, actor, { level: 'town', period: 'month', day, now })),
    `${towns.rows.length} rows; goal p95 ≤ 200 ms`,
  ]);
  const gridsTable = await computeIndicators(db, actor, { level: 'grid', period: 'month', day, now });
  record([
    `county table, grids, month ${day} (counters)`,
    await time(RUNS, () => computeIndicators(db, actor, { level: 'grid', period: 'month', day, now })),
    `${gridsTable.rows.length} rows; goal p95 ≤ 200 ms`,
  ]);
  const drillOptions = {
    level: 'grid',
    key: grid,
    indicator: 'onTimeClosureRate',
    period: 'month',
    day,
    now,
    limit: 50,
  } as const;
  const drill = await indicatorCases(db, actor, drillOptions);
  record([
    `drill-down, grid ${grid} 按期结案率 month ${day}, first page`,
    await time(RUNS, () => indicatorCases(db, actor, drillOptions)),
    `${drill.cases.length} cases of ${drill.value.denominator}; goal p95 ≤ 50 ms`,
  ]);
  // The same page folded from the grid's cases of the month (the old way), and the check that the stored
  // per-case counters give the very page.
  let foldedDrill: unknown;
  record([
    "drill-down, same, folded from the grid's cases (the old way, baseline)",
    await time(RUNS, async () => {
      foldedDrill = await indicatorCases(db, actor, { ...drillOptions, fromCounters: false });
    }),
    '',
  ]);
  const sameDrill = JSON.stringify(drill) === JSON.stringify(foldedDrill);
  console.log(`stored vs folded drill-down, grid ${grid}: ${sameDrill ? 'the same page' : 'DIFFERENT'}`);
  if (!sameDrill) process.exitCode = 1;
  if (drill.nextAfter) {
    const next = { ...drillOptions, after: drill.nextAfter };
    const page2 = await indicatorCases(db, actor, next);
    record([
      `drill-down, same, next page (keyset)`,
      await time(RUNS, () => indicatorCases(db, actor, next)),
      `${page2.cases.length} cases; goal p95 ≤ 50 ms`,
    ]);
  }

  const list = await listCases(db, operator, { limit: 50, offset: 0 });
  record([
    'case list, county, newest first, page 1 (city-operator)',
    await time(RUNS, () => listCases(db, operator, { limit: 50, offset: 0 })),
    `${list.items.length} of ${list.total}; goal p95 ≤ 200 ms`,
  ]);
  const open = await listCases(db, operator, { open: true, limit: 50, offset: 0 });
  record([
    'case list, county, open only, page 1',
    await time(RUNS, () => listCases(db, operator, { open: true, limit: 50, offset: 0 })),
    `${open.items.length} of ${open.total}; goal p95 ≤ 200 ms`,
  ]);
  const inGrid = { gridCode: grid, limit: 50, offset: 0 };
  const gridList = await listCases(db, operator, inGrid);
  record([
    `case list, grid ${grid}, page 1`,
    await time(RUNS, () => listCases(db, operator, inGrid)),
    `${gridList.items.length} of ${gridList.total}; goal p95 ≤ 200 ms`,
  ]);
  const supervision = await listSupervision(db, operator, { limit: 50 });
  record([
    'supervision list, county (yellow, red, supervised by hand)',
    await time(RUNS, () => listSupervision(db, operator, { limit: 50 })),
    `${JSON.stringify(supervision.counts)}; goal p95 ≤ 200 ms`,
  ]);
  const code = list.items[0]?.code as string;
  record([`case page ${code}`, await time(RUNS, () => getCase(db, operator, code, now)), 'goal p95 ≤ 50 ms']);

  // The baseline, folded once per level (slow: every case of the month and its events), and the
  // check that the counters give the very numbers the fold gives (the formulas are written once).
  const counted = (rows: IndicatorTable['rows']) =>
    rows.filter((r) => Object.values(r.values).some((v) => v.numerator !== 0 || (v.denominator ?? 0) !== 0));
  for (const [level, stored] of [
    ['town', towns],
    ['grid', gridsTable],
  ] as const) {
    if (values.fold === 'none' || (values.fold === 'town' && level === 'grid')) continue;
    let folded: IndicatorTable | undefined;
    const timed = await time(
      1,
      async () => {
        folded = await computeIndicators(db, actor, { level, period: 'month', day, now, fromCounters: false });
      },
      false,
    );
    record([`county table, ${level}s, month ${day} (folded from every case: the old way, baseline)`, timed, '']);
    const same = JSON.stringify(counted(stored.rows)) === JSON.stringify(counted(folded?.rows ?? []));
    console.log(`counters vs fold, ${level}s, month ${day}: ${same ? 'the same numbers' : 'DIFFERENT'}`);
    if (!same) process.exitCode = 1;
  }
  console.log(`\n${N} cases, ${values.days} days, PostgreSQL server`);
  for (const row of results) console.log(line(row));
  await database.close();
} finally {
  if (!values.keep && !values.database) await bench.drop();
  else console.log(`kept ${bench.url}`);
}
