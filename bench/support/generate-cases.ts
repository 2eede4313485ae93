// Scale data: N cases with their timelines and domain events over the demo map's base grids,
// written by INSERT … SELECT on the PostgreSQL server itself (nothing crosses the wire per row),
// deterministic for a seed. Shared by the benches that need seed-scale case volumes (issue 12
// item 10, issue 16 item 6).
//
//   DATABASE_URL=postgres://… npx tsx bench/support/generate-cases.ts [--cases 3000000] [--days 180] [--seed 1]
//
// The database is migrated and the demo county loaded first if it is empty. Generated cases have
// codes YWG<seed>-<n>; running again with the same seed adds nothing (the codes exist).
// Each case: reported by a grid's worker (60 %), a resident (25 %), 12345 (10 %) or the desk (5 %)
// at a time spread over the last `days` days; 3 % voided as invalid; of the rest 4 % still open
// (dispatched, not answered) and the others closed: registered, dispatched to a department with
// a 3-day due date, accepted, feedback (15 % late), 8 % failing verification once and answered
// again, verified and closed, 12345 orders rated. Timeline rows are written with triggers off and
// the domain events the trigger would write are written in bulk in the same transaction.

import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';

export interface GenerateOptions {
  cases: number;
  days: number;
  seed: number;
  /** The instant the generated history ends at (default: now). */
  end?: Date;
  batch?: number;
  log?: (line: string) => void;
}

/** Migrates and loads the demo county if the database is empty (the server's own code). */
export async function prepareDatabase(url: string): Promise<void> {
  const { openDatabase } = await import('../../server/src/db/client.js');
  const { loadDemoCountyIfEmpty } = await import('../../server/src/modules/demo/load-demo-county.js');
  const database = await openDatabase({ databaseUrl: url });
  try {
    // A throw-away key: the bench never reads the demo's sealed values.
    await loadDemoCountyIfEmpty(database.db, randomBytes(32));
  } finally {
    await database.close();
  }
}

/** A deterministic number in [0, 1) from the seed, the case number and a salt (md5 on the server). */
const r = (salt: string) =>
  `(('x' || substr(md5($1::text || '-' || g.n || '-${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/**
 * The running handling clock of the generated cases still open (dispatched, never answered), as
 * the timer job would have left it at `end`: red once the due date passed, yellow in its last day
 * — so the supervision list has its share of the volume. Idempotent (only clockless cases).
 */
async function clockOpenCases(client: pg.Client, end: Date): Promise<void> {
  await client.query(
    `UPDATE cases SET stage = 'handle', stage_started_at = handle_due_at - interval '3 days', stage_due_at = handle_due_at,
       time_state = CASE WHEN handle_due_at <= $1::timestamptz THEN 'overdue'
         WHEN handle_due_at <= $1::timestamptz + interval '1 day' THEN 'warning' ELSE 'normal' END
     WHERE code LIKE 'YWG%' AND state IN ('dispatched', 'accepted') AND stage IS NULL AND handle_due_at IS NOT NULL`,
    [end.toISOString()],
  );
}

/** The open cases clocked, then the tables as in steady state: statistics current, the cases' visibility map set (index-only scans). */
async function settle(client: pg.Client, end: Date): Promise<void> {
  await clockOpenCases(client, end);
  await client.query('VACUUM ANALYZE cases');
  // The event tables are read by index, case by case: statistics suffice (a vacuum of them takes minutes).
  await client.query('ANALYZE case_events');
  await client.query('ANALYZE domain_events');
}

/** `settle` on a database generated before (a kept one reused; cheap when nothing changed). */
export async function settleGenerated(url: string, end: Date = new Date()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await settle(client, end);
  } finally {
    await client.end();
  }
}

export async function generateCases(url: string, options: GenerateOptions): Promise<{ cases: number; ms: number }> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const end = options.end ?? new Date();
    const spanMs = options.days * 86_400_000;
    const batch = options.batch ?? 100_000;
    await client.query(`
      CREATE TEMP TABLE gen_grids AS
        SELECT row_number() OVER (ORDER BY g.code) - 1 AS i, g.code, g.path, g.region_code,
          (g.min_lon + g.max_lon) / 2 AS lon, (g.min_lat + g.max_lat) / 2 AS lat,
          (SELECT p.holder_user_id FROM grid_posts p WHERE p.grid_code = g.code ORDER BY p.role = 'grid_worker' DESC, p.role LIMIT 1) AS worker
        FROM grids g
        WHERE g.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM grids c WHERE c.parent_code = g.code AND c.valid_to IS NULL);
      CREATE TEMP TABLE gen_matters AS
        SELECT row_number() OVER (ORDER BY m.code) - 1 AS i, m.code, m.version, m.category, m.handling_level
        FROM matters m WHERE m.valid_to IS NULL;
      CREATE TEMP TABLE gen_units AS
        SELECT row_number() OVER (ORDER BY u.code) - 1 AS i, u.id FROM units u WHERE u.kind = 'department';`);
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM gen_grids)::int AS grids, (SELECT count(*) FROM gen_matters)::int AS matters,
        (SELECT count(*) FROM gen_units)::int AS units,
        (SELECT id FROM units WHERE kind = 'command_center' ORDER BY code LIMIT 1) AS command,
        (SELECT id FROM users WHERE 'resident' = ANY(roles) ORDER BY username LIMIT 1) AS resident,
        (SELECT id FROM users WHERE 'operator' = ANY(roles) ORDER BY username LIMIT 1) AS operator,
        (SELECT snapshot FROM cases ORDER BY created_at LIMIT 1) AS snapshot`,
    );
    const c = counts.rows[0];
    if (!c.grids || !c.matters || !c.units || !c.command) throw new Error('the demo county is not loaded');
    log(`generating ${options.cases} cases over ${c.grids} base grids, ${c.matters} matters, ${c.units} departments`);
    for (let first = 0; first < options.cases; first += batch) {
      const last = Math.min(options.cases, first + batch) - 1;
      await client.query('BEGIN');
      // Triggers (and FK checks) off for this transaction's bulk rows; the domain events are written below.
      await client.query(`SET LOCAL session_replication_role = replica`);
      const before = await client.query(`SELECT COALESCE(max(id), 0)::bigint AS id FROM case_events`);
      await client.query(
        `
        CREATE TEMP TABLE gen_cases ON COMMIT DROP AS
        SELECT g.n,
          md5($1::text || '-case-' || g.n)::uuid AS id,
          'YWG' || $1::text || '-' || lpad(g.n::text, 8, '0') AS code,
          gr.code AS grid_code, gr.path, gr.region_code, gr.lon, gr.lat, gr.worker,
          m.code AS matter_code, m.version AS matter_version, m.category, m.handling_level,
          u.id AS unit_id,
          CASE WHEN ${r('ch')} < 0.6 THEN 'worker' WHEN ${r('ch')} < 0.85 THEN 'resident'
               WHEN ${r('ch')} < 0.95 THEN 'hotline' ELSE 'desk' END AS channel,
          $2::timestamptz - ($3::bigint * ((g.n + ${r('t')}) / $4::float8)) * interval '1 millisecond' AS at0,
          CASE WHEN ${r('fate')} < 0.03 THEN 'voided' WHEN ${r('fate')} < 0.07 THEN 'open' ELSE 'closed' END AS fate,
          ${r('late')} < 0.15 AS late, ${r('rework')} < 0.08 AS rework, ${r('rating')} AS rating
        FROM generate_series($5::bigint, $6::bigint) AS g(n)
        JOIN gen_grids gr ON gr.i = (('x' || substr(md5($1::text || '-' || g.n || '-grid'), 1, 8))::bit(32)::bigint % $7)
        JOIN gen_matters m ON m.i = (('x' || substr(md5($1::text || '-' || g.n || '-matter'), 1, 8))::bit(32)::bigint % $8)
        JOIN gen_units u ON u.i = (('x' || substr(md5($1::text || '-' || g.n || '-unit'), 1, 8))::bit(32)::bigint % $9)`,
        [String(options.seed), end.toISOString(), spanMs, options.cases, first, last, c.grids, c.matters, c.units],
      );
      // at0 runs backwards from the end as n grows; the timeline of each case follows it.
      await client.query(
        `
        CREATE TEMP TABLE gen_events ON COMMIT DROP AS
        SELECT id AS case_id, e.* FROM gen_cases gc, LATERAL (VALUES
          (1, 'reported', gc.at0, 'reported', 'reported', '{}'::jsonb, true),
          (2, 'voided', gc.at0 + interval '20 minutes', 'reported', 'voided', '{"reason":"现场无此问题"}'::jsonb, gc.fate = 'voided'),
          (3, 'registered', gc.at0 + interval '15 minutes', 'reported', 'registered', '{}'::jsonb, gc.fate <> 'voided'),
          (4, 'dispatched', gc.at0 + interval '30 minutes', 'registered', 'dispatched',
             jsonb_build_object('unitId', gc.unit_id, 'handleDueAt', to_char((gc.at0 + interval '30 minutes 3 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             gc.fate <> 'voided'),
          (5, 'accepted', gc.at0 + interval '2 hours', 'dispatched', 'accepted', '{}'::jsonb, gc.fate = 'closed'),
          (6, 'feedback_submitted', gc.at0 + CASE WHEN gc.late THEN interval '4 days' ELSE interval '1 day' END,
             'accepted', 'handled', '{"text":"已处置"}'::jsonb, gc.fate = 'closed'),
          (7, 'verification_failed', gc.at0 + CASE WHEN gc.late THEN interval '4 days 3 hours' ELSE interval '1 day 3 hours' END,
             'handled', 'accepted', '{"reason":"未处置到位"}'::jsonb, gc.fate = 'closed' AND gc.rework),
          (8, 'feedback_submitted', gc.at0 + CASE WHEN gc.late THEN interval '4 days 8 hours' ELSE interval '1 day 8 hours' END,
             'accepted', 'handled', '{"text":"再次处置"}'::jsonb, gc.fate = 'closed' AND gc.rework),
          (9, 'verification_passed', gc.at0 + CASE WHEN gc.late THEN interval '4 days 10 hours' ELSE interval '1 day 10 hours' END,
             'handled', 'closed', '{}'::jsonb, gc.fate = 'closed'),
          (10, 'closed', gc.at0 + CASE WHEN gc.late THEN interval '4 days 10 hours' ELSE interval '1 day 10 hours' END,
             'handled', 'closed', '{}'::jsonb, gc.fate = 'closed'),
          (11, 'rated', gc.at0 + CASE WHEN gc.late THEN interval '5 days' ELSE interval '2 days' END, 'closed', 'rated',
             jsonb_build_object('rating', CASE WHEN gc.rating < 0.7 THEN 'satisfied' WHEN gc.rating < 0.9 THEN 'basically_satisfied' ELSE 'dissatisfied' END),
             gc.fate = 'closed' AND gc.channel = 'hotline')
        ) AS e(seq, type, at, from_state, to_state, details, happens)
        WHERE e.happens AND e.at <= $1::timestamptz`,
        [end.toISOString()],
      );
      await client.query(`
        CREATE TEMP TABLE gen_last ON COMMIT DROP AS
        SELECT case_id, (array_agg(to_state ORDER BY seq DESC))[1] AS state, max(at) AS updated_at,
          max(at) FILTER (WHERE type = 'closed') AS closed_at
        FROM gen_events GROUP BY case_id`);
      await client.query(
        `
        INSERT INTO cases (id, code, state, matter_code, matter_version, matter_category, level, region_code, grid_code, path,
          lon, lat, description, channel, command_unit_id, assigned_unit_id, involved_unit_ids, reporter_user_id, snapshot,
          handle_due_at, created_at, updated_at, closed_at)
        SELECT gc.id, gc.code,
          gl.state,
          gc.matter_code, gc.matter_version, gc.category, gc.handling_level, gc.region_code, gc.grid_code, gc.path,
          gc.lon, gc.lat, '生成的案件 ' || gc.code, gc.channel, $1::uuid,
          CASE WHEN gc.fate <> 'voided' THEN gc.unit_id END,
          CASE WHEN gc.fate <> 'voided' THEN ARRAY[gc.unit_id] ELSE '{}'::uuid[] END,
          CASE gc.channel WHEN 'worker' THEN gc.worker WHEN 'resident' THEN $2::uuid WHEN 'desk' THEN $3::uuid END,
          $4::jsonb,
          CASE WHEN gc.fate <> 'voided' THEN gc.at0 + interval '30 minutes 3 days' END,
          gc.at0,
          gl.updated_at, gl.closed_at
        FROM gen_cases gc JOIN gen_last gl ON gl.case_id = gc.id
        ON CONFLICT (code) DO NOTHING`,
        [c.command, c.resident, c.operator, JSON.stringify(c.snapshot ?? {})],
      );
      await client.query(`
        INSERT INTO case_events (case_id, type, at, actor_user_id, from_state, to_state, details)
        SELECT e.case_id, e.type, e.at, NULL, e.from_state, e.to_state, e.details
        FROM gen_events e JOIN cases c ON c.id = e.case_id AND c.code LIKE 'YWG%'
        WHERE NOT EXISTS (SELECT 1 FROM case_events x WHERE x.case_id = e.case_id)
        ORDER BY e.at, e.case_id, e.seq`);
      await client.query(
        `
        INSERT INTO domain_events (kind, aggregate_kind, aggregate_id, scope_path, payload, occurred_at)
        SELECT 'case.' || e.type, 'case', e.case_id, c.path,
          jsonb_build_object('caseEventId', e.id, 'caseCode', c.code, 'type', e.type, 'fromState', e.from_state, 'toState', e.to_state),
          e.at
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.id > $1 ORDER BY e.id`,
        [before.rows[0].id],
      );
      await client.query('COMMIT');
      log(`  cases ${first}–${last} written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    await settle(client, end);
    return { cases: options.cases, ms: performance.now() - started };
  } finally {
    await client.end();
  }
}

const isMain = process.argv[1]?.endsWith('generate-cases.ts');
if (isMain) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '3000000' },
      days: { type: 'string', default: '180' },
      seed: { type: 'string', default: '1' },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to a PostgreSQL database');
  await prepareDatabase(url);
  const run = await generateCases(url, {
    cases: Number(values.cases),
    days: Number(values.days),
    seed: Number(values.seed),
    log: (line) => console.log(line),
  });
  console.log(`${run.cases} cases in ${(run.ms / 1000).toFixed(1)} s`);
}
