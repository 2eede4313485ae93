import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { insertRowsStatement } from '../../db/insert-rows.js';
import type { WriteResult } from '../../platform/write-result.js';
import { type IdempotencyClaim, idempotencyStatements } from '../idempotency/index.js';
import type { NewCaseReportRow } from './case-reports.repository.js';
import type { NewCaseEventRow } from './case-timeline.repository.js';
import type { NewCaseTimerRow } from './case-timers.repository.js';
import type { NewCaseRow } from './cases.repository.js';
import { caseEvents, caseReports, cases, caseTimers } from './cases.tables.js';

/**
 * The intake's writes, shaped for as few round trips as possible: intake is the busiest
 * write of the platform (every channel, every report), and each statement costs a round
 * trip to the database while the transaction holds its locks.
 */
export const intakeRepository = {
  /**
   * The first statement of a batch of intakes: claims their Idempotency-Keys, takes the
   * per-matter cell locks of the intakes that may write (no key, or its key claimed) in
   * sorted order (two batches cannot deadlock), and draws a case number per intake (unused
   * when it merges or replays: gaps in case numbers are harmless). `claimed` is false when
   * the intake's key was claimed before; the caller then reads that answer.
   */
  async begin(
    db: Executor,
    intakes: readonly { idempotency?: IdempotencyClaim | undefined; lockKeys: readonly string[] }[],
  ): Promise<{ claimed: boolean; caseNumber: number }[]> {
    const claims = intakes.flatMap((intake, i) => (intake.idempotency ? [{ i, claim: intake.idempotency }] : []));
    const lockKeys = intakes.flatMap((intake, i) => intake.lockKeys.map((k) => ({ i, k })));
    // The claims run first and the locks after them, only for intakes whose claim succeeded:
    // a retry of a request still in flight waits on its key alone, never holding cell locks
    // the first one needs.
    const claimed =
      claims.length > 0
        ? sql`WITH claim AS (${idempotencyStatements.claim(claims.map((c) => c.claim))}),
               claimed AS (SELECT t.i FROM jsonb_to_recordset(${JSON.stringify(
                 claims.map((c) => ({ i: c.i, actor_id: c.claim.actorId, key: c.claim.key })),
               )}::jsonb) AS t(i int, actor_id text, key text)
                           JOIN claim USING (actor_id, key))
               SELECT ARRAY(SELECT i FROM claimed) AS claimed,`
        : sql`SELECT ARRAY[]::int[] AS claimed,`;
    const mayWrite =
      claims.length > 0
        ? sql`WHERE l.i IN (SELECT i FROM claimed) OR l.i <> ALL(${`{${claims.map((c) => c.i).join(',')}}`}::int[])`
        : sql``;
    const locks =
      lockKeys.length > 0
        ? sql`(SELECT count(pg_advisory_xact_lock(hashtext(k)))::int
               FROM (SELECT DISTINCT l.k FROM jsonb_to_recordset(${JSON.stringify(lockKeys)}::jsonb) AS l(k text, i int)
                     ${mayWrite} ORDER BY l.k) AS ordered) AS locks,`
        : sql`0 AS locks,`;
    const [row] = await queryRows<{ claimed: number[]; numbers: (string | number)[] }>(
      db,
      sql`${claimed} ${locks} ARRAY(SELECT nextval('case_code_seq') FROM generate_series(1, ${intakes.length})) AS numbers`,
    );
    if (!row) throw new Error('intake begin returned no row');
    const claimedOnes = new Set(row.claimed.map(Number));
    return intakes.map((intake, i) => ({
      claimed: !intake.idempotency || claimedOnes.has(i),
      caseNumber: Number(row.numbers[i]),
    }));
  },

  /**
   * New cases in one statement: each case, its first report, its timeline event, its stage
   * timers and its completed Idempotency-Key (with the answer a retry gets), as
   * data-modifying CTEs of multi-row inserts. Foreign keys are checked at the end of the
   * statement, so a report may refer to the case inserted beside it.
   */
  async insertNewCases(
    db: Executor,
    written: readonly {
      case: NewCaseRow;
      report: NewCaseReportRow;
      events: NewCaseEventRow[];
      timers: NewCaseTimerRow[];
      /** The request's claim and the answer a retry gets. */
      idempotency?: { claim: IdempotencyClaim; result: WriteResult<unknown> } | undefined;
    }[],
  ): Promise<void> {
    if (written.length === 0) return;
    const events = written.flatMap((w) => w.events);
    const timers = written.flatMap((w) => w.timers);
    const completions = written.flatMap((w) => (w.idempotency ? [w.idempotency] : []));
    const parts: SQLWrapper[] = [
      insertRowsStatement(
        cases,
        written.map((w) => w.case),
      ),
      insertRowsStatement(
        caseReports,
        written.map((w) => w.report),
      ),
      ...(events.length > 0 ? [insertRowsStatement(caseEvents, events)] : []),
      ...(timers.length > 0 ? [insertRowsStatement(caseTimers, timers)] : []),
      ...(completions.length > 0 ? [idempotencyStatements.completeMany(completions)] : []),
    ];
    await db.execute(withAll(parts));
  },

  /** A merged report in one statement: the report, the timeline event and the completed key. */
  async insertMergedReport(
    db: Executor,
    rows: {
      report: NewCaseReportRow;
      events: NewCaseEventRow[];
      /** The request's claim and the answer a retry gets. */
      idempotency?: { claim: IdempotencyClaim; result: WriteResult<unknown> } | undefined;
    },
  ): Promise<void> {
    const parts: SQLWrapper[] = [
      insertRowsStatement(caseReports, [rows.report]),
      ...(rows.events.length > 0 ? [insertRowsStatement(caseEvents, rows.events)] : []),
      ...(rows.idempotency ? [idempotencyStatements.completeMany([rows.idempotency])] : []),
    ];
    await db.execute(withAll(parts));
  },
};

/** `WITH w0 AS (…), w1 AS (…) SELECT 1`: every part runs exactly once, in one statement. */
function withAll(parts: SQLWrapper[]): SQL {
  // getSQL(): embedded as a wrapper, a query would be wrapped in a second pair of parentheses.
  const ctes = parts.map((part, i) => sql`${sql.raw(`w${i}`)} AS (${part.getSQL()})`);
  return sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1`;
}
