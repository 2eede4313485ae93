import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { atCommit, preparedMark, type Reading } from '../../db/fewer-round-trips.js';
import { insertRowsStatement } from '../../db/insert-rows.js';
import type { WriteResult } from '../../platform/write-result.js';
import { type AuditSlots, auditReservation } from '../audit/index.js';
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
   * the intake's key was claimed before; the caller then reads that answer. A statement and
   * its reading, to run with the batch's next in one round trip (readTogether).
   */
  begin(
    intakes: readonly { idempotency?: IdempotencyClaim | undefined; lockKeys: readonly string[] }[],
  ): Reading<{ claimed: boolean; caseNumber: number }[]> {
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
    return {
      statement: sql`${preparedMark('intake_begin')} ${claimed} ${locks} ARRAY(SELECT nextval('case_code_seq') FROM generate_series(1, ${intakes.length})) AS numbers`,
      read: (rows) => {
        const [row] = rows as { claimed: (string | number)[]; numbers: (string | number)[] }[];
        if (!row) throw new Error('intake begin returned no row');
        const claimedOnes = new Set(row.claimed.map(Number));
        return intakes.map((intake, i) => ({
          claimed: !intake.idempotency || claimedOnes.has(i),
          caseNumber: Number(row.numbers[i]),
        }));
      },
    };
  },

  /**
   * A batch's rows in one statement: each new case with its first report, timeline event,
   * stage timers and completed Idempotency-Key (with the answer a retry gets); each report
   * joined to an open case, with its `report_merged` event and key; and the joined cases'
   * new supporter counts (locked by the caller); and, last, places for `auditRows` audit rows
   * (auditReservation: undefined when every lane was held). Without places to read, the
   * statement is held back to go with the COMMIT (atCommit). Data-modifying CTEs of multi-row
   * inserts; foreign keys are checked at the end of the statement, so a report may refer to
   * the case inserted beside it.
   */
  async insertIntakes(
    db: Executor,
    batch: {
      newCases: readonly {
        case: NewCaseRow;
        report: NewCaseReportRow;
        events: NewCaseEventRow[];
        timers: NewCaseTimerRow[];
        /** The request's claim and the answer a retry gets. */
        idempotency?: { claim: IdempotencyClaim; result: WriteResult<unknown> } | undefined;
      }[];
      joinedReports: readonly {
        report: NewCaseReportRow;
        events: NewCaseEventRow[];
        idempotency?: { claim: IdempotencyClaim; result: WriteResult<unknown> } | undefined;
      }[];
      /** Cases written before this batch that reports joined: their counts as they now are. */
      joinedCases: readonly { id: string; supporterCount: number; version: number; updatedAt: Date }[];
    },
    auditRows: number,
  ): Promise<AuditSlots | undefined> {
    const { newCases, joinedReports, joinedCases } = batch;
    const written = [...newCases, ...joinedReports];
    if (written.length === 0) return undefined;
    // A case's own events before the reports that joined it, so its timeline reads in order.
    const events = written.flatMap((w) => w.events);
    const timers = newCases.flatMap((w) => w.timers);
    const completions = written.flatMap((w) => (w.idempotency ? [w.idempotency] : []));
    const parts: SQLWrapper[] = [
      ...(newCases.length > 0
        ? [
            insertRowsStatement(
              cases,
              newCases.map((w) => w.case),
            ),
          ]
        : []),
      insertRowsStatement(
        caseReports,
        written.map((w) => w.report),
      ),
      ...(events.length > 0 ? [insertRowsStatement(caseEvents, events)] : []),
      ...(timers.length > 0 ? [insertRowsStatement(caseTimers, timers)] : []),
      ...(completions.length > 0 ? [idempotencyStatements.completeMany(completions)] : []),
      ...(joinedCases.length > 0
        ? [
            sql`UPDATE cases AS c SET supporter_count = j.supporter_count, version = j.version, updated_at = j.updated_at
                FROM jsonb_to_recordset(${JSON.stringify(
                  joinedCases.map((j) => ({
                    id: j.id,
                    supporter_count: j.supporterCount,
                    version: j.version,
                    updated_at: j.updatedAt.toISOString(),
                  })),
                )}::jsonb) AS j(id uuid, supporter_count int, version int, updated_at timestamptz)
                WHERE c.id = j.id`,
          ]
        : []),
    ];
    if (auditRows === 0) {
      // Nothing reads its result: it goes with the COMMIT, or first with the next statement.
      await atCommit(db, sql`${preparedMark('intake_write')} ${withAll(parts)}`);
      return undefined;
    }
    // Taking the lane here keeps it the batch's last lock: nothing else in this statement waits
    // for another transaction (the joined cases were locked and the keys claimed before it),
    // and the lane itself is taken only if free (SKIP LOCKED).
    const reserved = sql.raw(`w${parts.length}`);
    parts.push(auditReservation.statement(auditRows));
    const statement = sql`${preparedMark('intake_write')} ${withAll(parts, sql`SELECT * FROM ${reserved}`)}`;
    return auditReservation.read(await queryRows(db, statement), auditRows);
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

/** `WITH w0 AS (…), w1 AS (…) SELECT 1` (or `last`): every part runs exactly once, in one statement. */
function withAll(parts: SQLWrapper[], last: SQL = sql`SELECT 1`): SQL {
  // getSQL(): embedded as a wrapper, a query would be wrapped in a second pair of parentheses.
  const ctes = parts.map((part, i) => sql`${sql.raw(`w${i}`)} AS (${part.getSQL()})`);
  return sql`WITH ${sql.join(ctes, sql`, `)} ${last}`;
}
