// Intake speed over HTTP on the PostgreSQL server: POST /api/cases from 16 concurrent
// connections of wrk in its own process (support/load.ts; cases/s and latency percentiles), in
// rounds, each followed by pgbench writing the same rows into the same server (the ceiling an
// intake could approach), then at two server processes; and the health route next to a bare
// Fastify route. Prints numbers; not a test.
// Run: npx tsx bench/intake.bench.ts  (BENCH_ROUNDS=3, BENCH_SECONDS=10, BENCH_DATABASE_URL=…)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createApiKey,
  createBenchDatabase,
  startEmptyFastify,
  startServer,
  stopServer,
} from './support/bench-server.js';
import { intakeRequests, reportMaterial } from './support/intake-reports.js';
import { describeLoad, type LoadResult, loadClient, runLoad } from './support/load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
/** Reports a run may take: twice what the fastest run so far sent, so none repeats. */
const PER_RUN = SECONDS * 2_000;

const db = await createBenchDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'yw-bench-'));
let server = await startServer(db.url, dataDir);
const fastify = await startEmptyFastify();
try {
  const key = await createApiKey(server.url);
  // Two warm-ups (one per server), the rounds at one process and a run at two.
  const intakes = intakeRequests(await reportMaterial(server.url, key), key, (ROUNDS + 3) * PER_RUN);
  // Each run its own reports (a run starts the turn at its first request): a later run must
  // not repeat an earlier run's places, or every report would join a case.
  let sent = 0;
  const intakeLoad = (url: string) => {
    const requests = intakes.slice(sent, sent + PER_RUN);
    sent += requests.length;
    return runLoad({ url, connections: CONCURRENCY, seconds: SECONDS, requests, inTurn: true });
  };
  const healthLoad = (url: string) =>
    runLoad({
      url,
      connections: CONCURRENCY,
      seconds: Math.min(SECONDS, 5),
      requests: [{ method: 'GET', path: '/api/health', headers: { 'x-api-key': key } }],
    });

  // Warm up (JIT, pools, the grid index) for as long as a round: after 2 s of it, as until
  // 2026-12-06, the next two runs came out 10–30 % below the third. Its cases are the templates
  // of pgbench's rows.
  await intakeLoad(server.url);
  // pgbench, the database's own limit in the same run, two ways:
  // (1) the rows one intake writes — its Idempotency-Key (claimed, then completed), the
  //     case, the report, the timeline event and the domain event its trigger adds, the
  //     stage timers and the audit row — as copies of the rows this very run wrote, into
  //     tables made LIKE the real ones (same columns, defaults and indexes; no foreign keys,
  //     no triggers, no NOTIFY: cheaper than the real tables), one transaction per case, in
  //     the intake's own round trips (begin + claim, one CTE for the case's rows, audit,
  //     commit); and the same without the domain event row, as this baseline was until
  //     2026-12-06;
  // (2) single-row INSERTs of a case-sized row: the floor of any write.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const [template] = (
    await client.query<{ id: string; code: string; actor_id: string; key: string }>(
      `SELECT c.id, c.code, k.actor_id, k.key FROM cases c
         JOIN idempotency_keys k ON k.response_body->'case'->>'code' = c.code
        WHERE c.description LIKE '基准测试上报%' AND c.supporter_count = 0
        ORDER BY c.created_at DESC LIMIT 1`,
    )
  ).rows;
  if (!template) throw new Error('no case of this run to copy for the pgbench baseline');
  // Each table: a copy made LIKE the real one to write into, and its template rows (from
  // this run) in a small table of their own, so reading a template costs next to nothing.
  const tables = {
    keys: { real: 'idempotency_keys', where: `actor_id = '${template.actor_id}' AND key = '${template.key}'` },
    cases: { real: 'cases', where: `id = '${template.id}'` },
    reports: { real: 'case_reports', where: `case_id = '${template.id}'` },
    events: { real: 'case_events', where: `case_id = '${template.id}'` },
    domainEvents: { real: 'domain_events', where: `aggregate_kind = 'case' AND aggregate_id = '${template.id}'` },
    timers: { real: 'case_timers', where: `case_id = '${template.id}'` },
    audit: { real: 'audit_log', where: `object_type = 'case' AND object_id = '${template.code}'` },
  } as const;
  const columns: Record<string, string[]> = {};
  await client.query('CREATE SEQUENCE bench_n');
  for (const [name, t] of Object.entries(tables)) {
    await client.query(`CREATE TABLE b_${name} (LIKE ${t.real} INCLUDING ALL)`);
    const copied = await client.query(`CREATE TABLE tmpl_${name} AS SELECT * FROM ${t.real} WHERE ${t.where}`);
    // An empty template would make its INSERT write nothing, silently.
    if (!copied.rowCount) throw new Error(`no ${t.real} row of the template case to copy for the pgbench baseline`);
    columns[name] = (
      await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [t.real],
      )
    ).rows.map((r) => r.column_name);
  }
  await client.query(
    'CREATE TABLE bench_rows (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), matter_code text, description text, lon float8, lat float8, details jsonb, created_at timestamptz DEFAULT now())',
  );
  await client.end();
  /** INSERT INTO b_<name> the template rows, with the columns that must differ per case replaced. */
  const copy = (name: keyof typeof tables, overrides: Record<string, string>) => {
    const cols = columns[name] ?? [];
    return `INSERT INTO b_${name} (${cols.join(', ')}) SELECT ${cols.map((c) => overrides[c] ?? c).join(', ')} FROM tmpl_${name}`;
  };
  /** One intake's rows as a pgbench transaction; `withDomainEvent` false: as the baseline was until 2026-12-06. */
  const intakeRowsScript = (file: string, withDomainEvent: boolean) => {
    const path = join(dataDir, file);
    writeFileSync(
      path,
      [
        'BEGIN;',
        // The intake's first statement: the key claimed (and a number drawn).
        `${copy('keys', { key: "'b' || nextval('bench_n')", status: "'processing'", response_status: 'NULL', response_body: 'NULL' })} RETURNING currval('bench_n') AS n \\gset`,
        // Its one statement for the case's rows and the completed key.
        `WITH c AS (${copy('cases', { id: 'gen_random_uuid()', code: "'B' || :n" })} RETURNING 1),` +
          ` r AS (${copy('reports', { id: 'gen_random_uuid()', follow_key: "'F' || :n" })} RETURNING 1),` +
          ` e AS (${copy('events', { id: "nextval('case_events_id_seq')" })} RETURNING 1),` +
          (withDomainEvent
            ? ` d AS (${copy('domainEvents', { id: "nextval('domain_events_id_seq')" })} RETURNING 1),`
            : '') +
          ` m AS (${copy('timers', { id: 'gen_random_uuid()' })} RETURNING 1),` +
          ` k AS (UPDATE b_keys SET status = 'completed', response_status = 201, response_body = (SELECT response_body FROM tmpl_keys) WHERE actor_id = '${template.actor_id}' AND key = 'b' || :n RETURNING 1)` +
          ' SELECT 1;',
        // Its audit row.
        `${copy('audit', { id: "nextval('audit_log_id_seq')", lane: '100', lane_seq: ':n' })};`,
        'COMMIT;',
        '',
      ].join('\n'),
    );
    return path;
  };
  const rowScript = join(dataDir, 'insert.sql');
  writeFileSync(
    rowScript,
    'INSERT INTO bench_rows (matter_code, description, lon, lat, details) VALUES (\'CG-0101\', \'基准测试上报：路面破损，请尽快处理。\', 120.28, 31.9, \'{"channel":"desk","reporter":"测试"}\');\n',
  );
  const url = new URL(db.url);
  const pgbench = (script: string) => {
    const output = execFileSync(
      'pgbench',
      [
        '-n',
        '-c',
        String(CONCURRENCY),
        '-j',
        '2',
        '-T',
        String(SECONDS),
        '-f',
        script,
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        url.username || 'postgres',
        db.name,
      ],
      { encoding: 'utf8' },
    );
    const failed = Number(output.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
    if (failed > 0) throw new Error(`pgbench: ${failed} failed transactions\n${output}`);
    return {
      tps: Number(output.match(/tps = ([\d.]+)/)?.[1] ?? Number.NaN),
      latency: Number(output.match(/latency average = ([\d.]+) ms/)?.[1] ?? Number.NaN),
    };
  };
  // Intake and the database's limit in turn, round by round, each pgbench run moments after
  // the intake it is compared with: the load of this shared machine moves by the minute, and a
  // ratio of two measurements taken minutes apart measured that drift as much as the code. The
  // verdict takes the median round's share and the worst round's p99.
  const rowsScript = intakeRowsScript('intake-rows.sql', true);
  const rounds: { intake: LoadResult; limit: { tps: number; latency: number } }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const intake = await intakeLoad(server.url);
    rounds.push({ intake, limit: pgbench(rowsScript) });
  }
  const share = (rate: number, limit: number) => (rate / limit) * 100;
  const shareOf = (r: (typeof rounds)[number]) => share(r.intake.perSecond, r.limit.tps);
  /** The middle of a sorted list (the lower one of two: the verdict leans to the slower). */
  const middle = <T>(sorted: T[]) => sorted[Math.floor((sorted.length - 1) / 2)] as T;
  const median = middle([...rounds].sort((a, b) => shareOf(a) - shareOf(b)));
  const medianShare = shareOf(median);
  const worstP99 = Math.max(...rounds.map((r) => r.intake.p99));
  const medianLimit = middle(rounds.map((r) => r.limit.tps).sort((a, b) => a - b));

  // The floor of this machine: an authenticated request that does one trivial query (GET
  // /api/health with the key: key lookup + SELECT 1), same server, same run; and the bare
  // Fastify route, the ceiling of any route here.
  const health = await healthLoad(server.url);
  const empty = await runLoad({
    url: fastify.url,
    connections: CONCURRENCY,
    seconds: Math.min(SECONDS, 5),
    requests: [{ method: 'GET', path: '/' }],
  });
  await stopServer(server.child);
  server = await startServer(db.url, dataDir, 2);
  await intakeLoad(server.url);
  const intakeTwo = await intakeLoad(server.url);
  const healthTwo = await healthLoad(server.url);
  const rowsLimitBefore = pgbench(intakeRowsScript('intake-rows-before.sql', false));
  const { tps } = pgbench(rowScript);
  const intakeRate = median.intake.perSecond;

  console.log(
    `intake over HTTP, ${CONCURRENCY} connections (${loadClient} in its own process), PostgreSQL server, ${ROUNDS} rounds of ${SECONDS} s, each followed by pgbench writing the rows of one intake per transaction (key, case, report, timeline event and its domain event, timers, audit), ${CONCURRENCY} clients, ${SECONDS} s:`,
  );
  for (const [i, r] of rounds.entries()) {
    console.log(
      `  round ${i + 1}, 1 server process: ${describeLoad(r.intake)}   (${r.intake.requests} reports)   pgbench ${r.limit.tps.toFixed(0)} cases/s (latency avg ${r.limit.latency.toFixed(1)} ms)   share ${shareOf(r).toFixed(1)} %`,
    );
  }
  console.log(`  2 server processes: ${describeLoad(intakeTwo)}   (${intakeTwo.requests} reports)`);
  console.log('authenticated GET /api/health (API key kept in memory + SELECT 1), same connections:');
  console.log(`  1 server process:  ${describeLoad(health)}`);
  console.log(`  2 server processes: ${describeLoad(healthTwo)}`);
  console.log(`bare Fastify route (GET / → {}), one process, same connections: ${describeLoad(empty)}`);
  console.log(
    `pgbench, the same rows without the domain event row (the baseline until 2026-12-06): ${rowsLimitBefore.tps.toFixed(0)} cases/s; the median round's intake ${share(intakeRate, rowsLimitBefore.tps).toFixed(1)} % of it`,
  );
  console.log(`pgbench, ${CONCURRENCY} clients, single-row INSERT of a case-sized row: ${tps.toFixed(0)} rows/s`);
  console.log(
    `intake reaches ${medianShare.toFixed(1)} % (1 process, the median of ${ROUNDS} rounds: ${rounds.map((r) => shareOf(r).toFixed(1)).join(', ')} %; p99 ≤ ${worstP99.toFixed(1)} ms in every round) and ${share(intakeTwo.perSecond, medianLimit).toFixed(1)} % (2 processes, against the rounds' median pgbench) of the database's limit for the same rows (goal ≥ 50 %, p99 ≤ 50 ms)`,
  );
  console.log(`intake reaches ${share(intakeRate, tps).toFixed(1)} % of the single-row INSERT rate`);
  console.log(
    `the health route reaches ${share(health.perSecond, empty.perSecond).toFixed(1)} % of the bare Fastify route; intake ${share(intakeRate, health.perSecond).toFixed(1)} % of the health route`,
  );
  console.log(
    '  (each intake: key, matter, grid map version, region and command units kept in memory (no query), then a batch of intakes in one transaction of two round trips: BEGIN + key claims + cell locks + duplicate search + the audit lane; one statement for cases + reports + timeline + timers + keys + joined cases, with the audit rows and COMMIT; a third between them locks the cases that reports join)',
  );
} finally {
  await stopServer(server.child);
  await stopServer(fastify.child);
  await db.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
