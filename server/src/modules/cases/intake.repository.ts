import { and, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import type { WriteResult } from '../../platform/write-result.js';
import { type IdempotencyClaim, idempotencyStatements } from '../idempotency/index.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
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
   * The first statement of an intake: claims the Idempotency-Key (when there is one),
   * takes the per-matter cell locks in sorted order (two intakes cannot deadlock) and
   * draws a case number (unused when the report merges: gaps in case numbers are harmless).
   * `claimed` is false when the key was claimed before; the caller then reads that answer.
   */
  async begin(
    db: Executor,
    input: { idempotency?: IdempotencyClaim | undefined; lockKeys: string[] },
  ): Promise<{ claimed: boolean; caseNumber: number }> {
    const { idempotency, lockKeys } = input;
    // The claim runs first and the locks only when it succeeded: a retry of a request still
    // in flight waits on the key alone, never holding cell locks the first one needs.
    const claim = idempotency
      ? sql`WITH claim AS (${idempotencyStatements.claim(idempotency)})
            SELECT (SELECT count(*) FROM claim)::int AS claimed,`
      : sql`SELECT 1 AS claimed,`;
    const claimedOnly = idempotency ? sql`WHERE (SELECT count(*) FROM claim) = 1` : sql``;
    const locks =
      lockKeys.length > 0
        ? sql`(SELECT count(pg_advisory_xact_lock(hashtext(k)))::int
               FROM (SELECT k FROM unnest(${textArray(lockKeys)}) AS k ${claimedOnly} ORDER BY k) AS ordered) AS locks,`
        : sql`0 AS locks,`;
    const [row] = await queryRows<{ claimed: number; n: string | number }>(
      db,
      sql`${claim} ${locks} nextval('case_code_seq') AS n`,
    );
    if (!row) throw new Error('intake begin returned no row');
    return { claimed: Number(row.claimed) === 1, caseNumber: Number(row.n) };
  },

  /**
   * A region with the command centers and workstations of it and its ancestors, in one
   * query: where a report lands and which command unit takes it.
   */
  async regionWithCommandUnits(db: Executor, regionCode: string) {
    const rows = await db
      .select({
        region: { code: regions.code, path: regions.path, name: regions.name, nameEn: regions.nameEn },
        unit: { id: units.id, code: units.code, name: units.name, regionCode: units.regionCode, kind: units.kind },
      })
      .from(regions)
      .leftJoin(
        units,
        and(
          sql`${units.regionCode} = ANY(string_to_array(${regions.path}, '/'))`,
          inArray(units.kind, ['command_center', 'workstation']),
        ),
      )
      .where(eq(regions.code, regionCode));
    const region = rows[0]?.region;
    if (!region) return undefined;
    return { region, units: rows.flatMap((r) => (r.unit ? [r.unit] : [])) };
  },

  /**
   * A new case in one statement: the case, its first report, its timeline event, its stage
   * timers and the completed Idempotency-Key (with the answer a retry gets), as
   * data-modifying CTEs. Foreign keys are checked at the end of the statement, so the
   * report may refer to the case inserted beside it.
   */
  async insertNewCase(
    db: Executor,
    rows: {
      case: NewCaseRow;
      report: NewCaseReportRow;
      events: NewCaseEventRow[];
      timers: NewCaseTimerRow[];
      /** The request's claim and the answer a retry gets. */
      idempotency?: { claim: IdempotencyClaim; result: WriteResult<unknown> } | undefined;
    },
  ): Promise<void> {
    const parts: SQLWrapper[] = [
      db.insert(cases).values(rows.case),
      db.insert(caseReports).values(rows.report),
      ...(rows.events.length > 0 ? [db.insert(caseEvents).values(rows.events)] : []),
      ...(rows.timers.length > 0 ? [db.insert(caseTimers).values(rows.timers)] : []),
      ...(rows.idempotency
        ? [idempotencyStatements.complete(db, rows.idempotency.claim, rows.idempotency.result)]
        : []),
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
      db.insert(caseReports).values(rows.report),
      ...(rows.events.length > 0 ? [db.insert(caseEvents).values(rows.events)] : []),
      ...(rows.idempotency
        ? [idempotencyStatements.complete(db, rows.idempotency.claim, rows.idempotency.result)]
        : []),
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

const textArray = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
