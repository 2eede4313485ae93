import type { AssessmentLevel, IndicatorId } from '@yiwang/contracts';
import { and, asc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../cases/cases.tables.js';
import { domainEvents } from '../events/events.tables.js';
import { grids } from '../grids/grids.tables.js';
import { regions } from '../regions/regions.tables.js';
import { type CaseHistory, countableIn, readCaseHistories } from './case-histories.repository.js';
import type { IndicatorCounters } from './domain/indicator-counters.js';
import {
  caseCounters,
  countedPeriods,
  indicatorCounterCursor,
  indicatorCounters,
} from './indicator-counters.tables.js';

export type PeriodKindName = 'day' | 'week' | 'month';

export const indicatorCountersRepository = {
  /** Locks the cursor row (created at 0) for this transaction and answers where it stands. */
  async lockCursor(db: Executor): Promise<number> {
    await db.insert(indicatorCounterCursor).values({ id: 1, lastEventId: 0 }).onConflictDoNothing();
    const [row] = await db.select().from(indicatorCounterCursor).where(eq(indicatorCounterCursor.id, 1)).for('update');
    return row?.lastEventId ?? 0;
  },

  async moveCursor(db: Executor, lastEventId: number, now: Date): Promise<void> {
    await db
      .update(indicatorCounterCursor)
      .set({ lastEventId, updatedAt: now })
      .where(eq(indicatorCounterCursor.id, 1));
  },

  /** The case events after the cursor: the newest id and the earliest instant they are dated. */
  async newEvents(db: Executor, afterId: number): Promise<{ lastId: number; earliest: Date | null }> {
    const [row] = await db
      .select({
        lastId: sql<number | null>`max(${domainEvents.id})`.mapWith(Number),
        earliest: sql<string | null>`min(${domainEvents.occurredAt})`,
      })
      .from(domainEvents)
      .where(and(eq(domainEvents.aggregateKind, 'case'), gt(domainEvents.id, afterId)));
    return {
      lastId: row?.lastId ? Number(row.lastId) : afterId,
      earliest: row?.earliest ? new Date(row.earliest) : null,
    };
  },

  /** Forgets every counted period that ends after `at` (an event dated `at` arrived after it was counted). */
  async forgetPeriodsEndingAfter(db: Executor, at: Date): Promise<number> {
    const gone = await db.delete(countedPeriods).where(gt(countedPeriods.periodTo, at)).returning({
      scopePath: countedPeriods.scopePath,
      periodKind: countedPeriods.periodKind,
      firstDay: countedPeriods.firstDay,
    });
    for (const p of gone) {
      await db
        .delete(indicatorCounters)
        .where(
          and(
            eq(indicatorCounters.scopePath, p.scopePath),
            eq(indicatorCounters.periodKind, p.periodKind),
            eq(indicatorCounters.firstDay, p.firstDay),
          ),
        );
      // Each case's part goes with the sums: a period is counted again as a whole.
      await db
        .delete(caseCounters)
        .where(
          and(
            eq(caseCounters.scopePath, p.scopePath),
            eq(caseCounters.periodKind, p.periodKind),
            eq(caseCounters.firstDay, p.firstDay),
          ),
        );
    }
    return gone.length;
  },

  /** The counted periods of a scope among `firstDays` of a kind. */
  async countedFirstDays(db: Executor, scopePath: string, kind: PeriodKindName, firstDays: string[]) {
    if (firstDays.length === 0) return new Set<string>();
    const rows = await db
      .select({ firstDay: countedPeriods.firstDay })
      .from(countedPeriods)
      .where(
        and(
          eq(countedPeriods.scopePath, scopePath),
          eq(countedPeriods.periodKind, kind),
          inArray(countedPeriods.firstDay, firstDays),
        ),
      );
    return new Set(rows.map((r) => r.firstDay));
  },

  async isCounted(db: Executor, scopePath: string, kind: PeriodKindName, firstDay: string): Promise<boolean> {
    return (await this.countedFirstDays(db, scopePath, kind, [firstDay])).has(firstDay);
  },

  async saveCounted(
    db: Executor,
    periods: { scopePath: string; periodKind: PeriodKindName; firstDay: string; periodTo: Date; cases: number }[],
    rows: {
      scopePath: string;
      periodKind: PeriodKindName;
      firstDay: string;
      level: string;
      unitKey: string;
      counters: IndicatorCounters;
    }[],
  ): Promise<void> {
    for (let i = 0; i < periods.length; i += 1000) {
      await db
        .insert(countedPeriods)
        .values(periods.slice(i, i + 1000))
        .onConflictDoNothing();
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insert(indicatorCounters)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing();
    }
  },

  /** Each case's part of the counters (written chunk by chunk, in the transaction that writes the sums). */
  async saveCaseCounters(db: Executor, rows: (typeof caseCounters.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insert(caseCounters)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing();
    }
  },

  /**
   * Statistics for the planner after the job wrote each case's counters (in its transaction,
   * which ANALYZE sees): before autovacuum gets to a freshly filled table, every level's index
   * looks alike to the planner, and it picked the department index for a grid's drill-down —
   * reading a whole month of the county's rows (709 ms measured at 100 000 cases) instead of the
   * grid's 70 (under 1 ms).
   */
  async refreshPlannerStatistics(db: Executor): Promise<void> {
    await db.execute(sql`ANALYZE ${caseCounters}`);
  },

  /**
   * The stored counters of one scope, period and region level (grid, community, town, county),
   * with each unit's name read by one join, not a second query with every key in an `IN` list
   * (1 558 grids of a county); the name is null when the unit is gone.
   */
  async namedCounters(
    db: Executor,
    scopePath: string,
    kind: PeriodKindName,
    firstDay: string,
    level: Exclude<AssessmentLevel, 'worker' | 'department'>,
  ) {
    const t = indicatorCounters;
    const where = and(eq(t.scopePath, scopePath), eq(t.periodKind, kind), eq(t.firstDay, firstDay), eq(t.level, level));
    const columns = { unitKey: t.unitKey, counters: t.counters };
    if (level === 'grid') {
      return db
        .select({ ...columns, name: grids.name })
        .from(t)
        .leftJoin(grids, and(eq(grids.code, t.unitKey), isNull(grids.validTo)))
        .where(where);
    }
    return db
      .select({ ...columns, name: regions.name })
      .from(t)
      .leftJoin(regions, eq(regions.code, t.unitKey))
      .where(where);
  },

  /** The stored counters of one scope, period and level. */
  async counters(db: Executor, scopePath: string, kind: PeriodKindName, firstDay: string, level: string) {
    return db
      .select({ unitKey: indicatorCounters.unitKey, counters: indicatorCounters.counters })
      .from(indicatorCounters)
      .where(
        and(
          eq(indicatorCounters.scopePath, scopePath),
          eq(indicatorCounters.periodKind, kind),
          eq(indicatorCounters.firstDay, firstDay),
          eq(indicatorCounters.level, level),
        ),
      );
  },

  /** The scopes counters are kept for: every county and town (narrower scopes are few cases: they are folded). */
  async counterScopes(db: Executor): Promise<string[]> {
    const rows = await db
      .select({ path: regions.path })
      .from(regions)
      .where(inArray(regions.level, ['county', 'town']))
      .orderBy(asc(regions.path));
    return rows.map((r) => r.path);
  },

  /**
   * The next chunk of cases (by id) that can count in some window [from, to): created before
   * `to`, and open now or written to since `from`; each with its events (up to `asOf`) from the
   * domain event log, as the indicator scan reads them.
   */
  async caseHistoriesChunk(
    db: Executor,
    { afterId, limit, from, to, asOf }: { afterId: string | null; limit: number; from: Date; to: Date; asOf: Date },
  ): Promise<{ histories: CaseHistory[]; lastId: string | null }> {
    const ids = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(afterId === null ? undefined : gt(cases.id, afterId), countableIn(from, to)))
      .orderBy(asc(cases.id))
      .limit(limit);
    if (ids.length === 0) return { histories: [], lastId: null };
    const histories = await readCaseHistories(
      db,
      inArray(
        cases.id,
        ids.map((r) => r.id),
      ),
      asOf,
    );
    return { histories, lastId: ids[ids.length - 1]?.id ?? null };
  },
};

/** Reads the drill-down needs: where a grid or region lies, and what a list of cases shows. */
export const drillDownRepository = {
  async gridPath(db: Executor, code: string): Promise<string | undefined> {
    const [row] = await db
      .select({ path: grids.path })
      .from(grids)
      .where(and(eq(grids.code, code), isNull(grids.validTo)));
    return row?.path;
  },

  async regionPath(db: Executor, code: string): Promise<string | undefined> {
    const [row] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, code));
    return row?.path;
  },

  /**
   * One unit's stored part of one indicator in a counted period: how many cases count in it and
   * the sums of their numerators and denominators (the unit's number, as its counters row says).
   */
  async storedSummary(
    db: Executor,
    q: StoredDrillDown,
  ): Promise<{ total: number; numerator: number; denominator: number }> {
    const part = (i: number) =>
      sql`(${caseCounters.counters}->(${q.indicator}::text)->>${sql.raw(String(i))})::numeric`;
    const [row] = await db
      .select({
        total: sql<number>`count(*)`.mapWith(Number),
        numerator: sql<number>`coalesce(sum(${part(0)}), 0)`.mapWith(Number),
        denominator: sql<number>`coalesce(sum(${part(1)}), 0)`.mapWith(Number),
      })
      .from(caseCounters)
      .where(storedUnitCases(q));
    return row ?? { total: 0, numerator: 0, denominator: 0 };
  },

  /**
   * One page of a unit's stored cases of one indicator in a counted period, in the list's order
   * (against first, then by code: the key `0:code` / `1:code`, compared byte by byte as the
   * fold compares it), after the key `after`; `limit` + 1 rows tell whether more follow.
   */
  async storedPage(db: Executor, q: StoredDrillDown & { after?: string | undefined; limit?: number | undefined }) {
    const part = (i: number) => sql`${caseCounters.counters}->(${q.indicator}::text)->>${sql.raw(String(i))}`;
    const sortKey = sql<string>`((case when ${part(2)} = '1' then '0' else '1' end) || ':' || ${caseCounters.code}) collate "C"`;
    const query = db
      .select({
        key: sortKey,
        code: caseCounters.code,
        reportedAt: caseCounters.reportedAt,
        numerator: sql<number>`(${part(0)})::numeric`.mapWith(Number),
        denominator: sql<number>`(${part(1)})::numeric`.mapWith(Number),
        state: cases.state,
        description: cases.description,
      })
      .from(caseCounters)
      .leftJoin(cases, eq(cases.id, caseCounters.caseId))
      .where(and(storedUnitCases(q), q.after === undefined ? undefined : sql`${sortKey} > ${q.after}`))
      .orderBy(sortKey);
    return q.limit === undefined ? query : query.limit(q.limit + 1);
  },

  async caseRows(db: Executor, ids: string[]) {
    if (ids.length === 0) return new Map<string, { state: string; description: string }>();
    const rows = await db
      .select({ id: cases.id, state: cases.state, description: cases.description })
      .from(cases)
      .where(inArray(cases.id, ids));
    return new Map(rows.map((r) => [r.id, { state: r.state, description: r.description }]));
  },
};

/** Which unit's cases of which indicator in which counted period (the scope's own rows). */
export interface StoredDrillDown {
  scopePath: string;
  kind: PeriodKindName;
  firstDay: string;
  level: AssessmentLevel;
  key: string;
  indicator: IndicatorId;
}

const UNIT_COLUMN = {
  worker: caseCounters.workerKey,
  grid: caseCounters.gridKey,
  community: caseCounters.communityKey,
  town: caseCounters.townKey,
  department: caseCounters.departmentKey,
  county: caseCounters.countyKey,
} as const;

/** A unit's stored cases that count in the indicator: a range of the level's index, then the indicator's key. */
const storedUnitCases = (q: StoredDrillDown): SQL | undefined =>
  and(
    eq(caseCounters.scopePath, q.scopePath),
    eq(caseCounters.periodKind, q.kind),
    eq(caseCounters.firstDay, q.firstDay),
    eq(UNIT_COLUMN[q.level], q.key),
    sql`${caseCounters.counters} ? (${q.indicator}::text)`,
  );
