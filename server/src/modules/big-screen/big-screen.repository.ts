import { type CaseChannel, CLOSED_STATES, type TimeState } from '@yiwang/contracts';
import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { caseEvents, cases } from '../cases/cases.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { domainEvents } from '../events/events.tables.js';
import { grids } from '../grids/grids.tables.js';
import { patrols } from '../patrols/patrols.tables.js';

/** The most points of one kind a screen draws (a county's open cases, its month of reports). */
export const MAX_POINTS = 20_000;

const isOpen = notInArray(cases.state, [...CLOSED_STATES]);
const chinaDay = (column: SQL | typeof cases.createdAt) =>
  sql<string>`to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
/** Rounded to about a metre: a point on a wall needs no more, and says no more. */
const rounded = (value: number) => Math.round(value * 100_000) / 100_000;

/**
 * The big screen's reads: aggregates of the cases of a scope (counts, never rows with text),
 * bare points, and the positions of open patrols. Every query takes the scope path.
 */
export const bigScreenRepository = {
  /** Cases reported in [from, to), and cases registered, closed and gone overdue then (distinct cases). */
  async countsBetween(db: Executor, scopePath: string, from: Date, to: Date) {
    const [reported] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), gte(cases.createdAt, from), lt(cases.createdAt, to)));
    const byType = await db
      .select({ type: caseEvents.type, n: sql<number>`count(DISTINCT ${caseEvents.caseId})::int` })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(
        and(
          withinScope(cases.path, scopePath),
          inArray(caseEvents.type, ['registered', 'closed', 'time_overdue']),
          gte(caseEvents.at, from),
          lt(caseEvents.at, to),
        ),
      )
      .groupBy(caseEvents.type);
    const of = (type: string) => byType.find((row) => row.type === type)?.n ?? 0;
    return {
      reported: reported?.n ?? 0,
      registered: of('registered'),
      closed: of('closed'),
      overdue: of('time_overdue'),
    };
  },

  async openByTimeState(db: Executor, scopePath: string): Promise<{ timeState: TimeState; n: number }[]> {
    return db
      .select({ timeState: cases.timeState, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), isOpen))
      .groupBy(cases.timeState);
  },

  async channelsSince(db: Executor, scopePath: string, since: Date): Promise<{ channel: CaseChannel; n: number }[]> {
    return db
      .select({ channel: cases.channel, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), gte(cases.createdAt, since)))
      .groupBy(cases.channel);
  },

  /** The matters reported most since `since`, named by their current catalog version. */
  async topMattersSince(db: Executor, scopePath: string, since: Date, limit: number) {
    const top = await db
      .select({ code: cases.matterCode, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), gte(cases.createdAt, since)))
      .groupBy(cases.matterCode)
      .orderBy(desc(sql`count(*)`), cases.matterCode)
      .limit(limit);
    if (top.length === 0) return [];
    const names = await db
      .select({ code: matters.code, name: matters.name, nameEn: matters.nameEn })
      .from(matters)
      .where(
        and(
          inArray(
            matters.code,
            top.map((t) => t.code),
          ),
          isNull(matters.validTo),
        ),
      );
    const byCode = new Map(names.map((m) => [m.code, m]));
    return top.map((t) => ({
      code: t.code,
      name: byCode.get(t.code)?.name ?? t.code,
      nameEn: byCode.get(t.code)?.nameEn ?? t.code,
      count: t.n,
    }));
  },

  /** The grids with most cases reported since `since`. */
  async hotSpotsSince(db: Executor, scopePath: string, since: Date, limit: number) {
    const top = await db
      .select({ gridCode: sql<string>`${cases.gridCode}`, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), gte(cases.createdAt, since), isNotNull(cases.gridCode)))
      .groupBy(cases.gridCode)
      .orderBy(desc(sql`count(*)`), cases.gridCode)
      .limit(limit);
    if (top.length === 0) return [];
    const names = await db
      .select({ code: grids.code, name: grids.name })
      .from(grids)
      .where(
        and(
          inArray(
            grids.code,
            top.map((t) => t.gridCode),
          ),
          isNull(grids.validTo),
        ),
      );
    const byCode = new Map(names.map((g) => [g.code, g.name]));
    return top.map((t) => ({ gridCode: t.gridCode, name: byCode.get(t.gridCode) ?? t.gridCode, count: t.n }));
  },

  /** Reports and closures per China day since `since`. */
  async dailySince(db: Executor, scopePath: string, since: Date) {
    const reported = await db
      .select({ day: chinaDay(cases.createdAt), n: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), gte(cases.createdAt, since)))
      .groupBy(chinaDay(cases.createdAt));
    const closed = await db
      .select({ day: chinaDay(sql`${caseEvents.at}`), n: sql<number>`count(DISTINCT ${caseEvents.caseId})::int` })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(and(withinScope(cases.path, scopePath), eq(caseEvents.type, 'closed'), gte(caseEvents.at, since)))
      .groupBy(chinaDay(sql`${caseEvents.at}`));
    return { reported, closed };
  },

  /** Open cases with a point, as bare points and their time-limit state. */
  async openCasePoints(db: Executor, scopePath: string) {
    const rows = await db
      .select({ lon: cases.lon, lat: cases.lat, timeState: cases.timeState })
      .from(cases)
      .where(and(withinScope(cases.path, scopePath), isOpen, isNotNull(cases.lon), isNotNull(cases.lat)))
      .orderBy(desc(cases.createdAt))
      .limit(MAX_POINTS);
    return rows.map((r) => ({
      at: [rounded(r.lon as number), rounded(r.lat as number)] as [number, number],
      timeState: r.timeState,
    }));
  },

  /** Where cases were reported since `since`: points for the heat map. */
  async heatPointsSince(db: Executor, scopePath: string, since: Date): Promise<[number, number][]> {
    const rows = await db
      .select({ lon: cases.lon, lat: cases.lat })
      .from(cases)
      .where(
        and(
          withinScope(cases.path, scopePath),
          gte(cases.createdAt, since),
          isNotNull(cases.lon),
          isNotNull(cases.lat),
        ),
      )
      .orderBy(desc(cases.createdAt))
      .limit(MAX_POINTS);
    return rows.map((r) => [rounded(r.lon as number), rounded(r.lat as number)]);
  },

  /** The last positions of open patrols in scope seen since `since`: positions only, no person. */
  async patrolPositions(db: Executor, scopePath: string, since: Date): Promise<[number, number][]> {
    const rows = await db
      .select({ lon: patrols.lastLon, lat: patrols.lastLat })
      .from(patrols)
      .where(
        and(
          isNull(patrols.endedAt),
          gte(patrols.lastAt, since),
          isNotNull(patrols.lastLon),
          isNotNull(patrols.lastLat),
          withinScope(sql`${patrols.lastPath}`, scopePath),
        ),
      )
      .limit(2000);
    return rows.map((r) => [rounded(r.lon as number), rounded(r.lat as number)]);
  },

  /** The newest domain event of the scope after `afterId` (a case or patrol changed), or null. */
  async latestEventAfter(db: Executor, scopePath: string, afterId: number): Promise<number | null> {
    const [row] = await db
      .select({ id: sql<number | null>`max(${domainEvents.id})` })
      .from(domainEvents)
      .where(and(gt(domainEvents.id, afterId), withinScope(domainEvents.scopePath, scopePath)));
    return row?.id == null ? null : Number(row.id);
  },
};
