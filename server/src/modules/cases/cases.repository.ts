import { type HandlingLevel, type MatterCategory, OPEN_STATES } from '@yiwang/contracts';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { preparedMark, type Reading } from '../../db/fewer-round-trips.js';
import { withinScope } from '../../platform/scope.js';
import { matters } from '../catalog/catalog.tables.js';
import { domainEvents } from '../events/events.tables.js';
import { grids } from '../grids/grids.tables.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';
import { caseEvents, caseReports, cases, OPEN_STATES_SQL, type TimeState } from './cases.tables.js';
import type { QueueDefinition } from './domain/queues.js';
import { assertUnreachable } from './domain/types.js';
import type { CaseState } from './domain/workflow-types.js';

export type CaseRow = typeof cases.$inferSelect;

/**
 * Lists count their matches exactly up to this many, and say "more" beyond: an exact count
 * reads every match (a county-wide list of 3 M cases: seconds), while a page needs only its own
 * rows. A caller reading more rows than this (an export) counts one past what it reads.
 */
export const LIST_COUNT_CAP = 10_000;

/** How many rows `where` selects, counted up to `cap` (capped: there are more). */
async function cappedCount(
  db: Executor,
  where: SQL | undefined,
  cap: number,
): Promise<{ total: number; capped: boolean }> {
  const [row] = await db.select({ n: count() }).from(
    db
      .select({ one: sql`1` })
      .from(cases)
      .where(where)
      .limit(cap + 1)
      .as('matches'),
  );
  const n = row?.n ?? 0;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

export type NewCaseRow = typeof cases.$inferInsert;

/**
 * Whose cases a caller sees: the data scope (region or grid subtree) and, for a department
 * handler, only cases with its unit; for a resident, only cases they reported.
 */
export interface CaseScope {
  scopePath: string;
  /** Only cases this unit commands, handles, assists or was summoned to. */
  unitId?: string | null | undefined;
  /** Only cases with a report by this user. */
  reporterUserId?: string | null | undefined;
  /** Sees nothing (a restriction whose key the caller lacks, e.g. a handler without a unit). */
  none?: boolean;
}

export interface CaseFilter {
  state?: readonly CaseState[] | undefined;
  level?: HandlingLevel | undefined;
  /** Path of a grid or region: its cases and those below it. */
  underPath?: string | undefined;
  matterCode?: string | undefined;
  /** Only the cases of these codes (the registry's case links). */
  codes?: readonly string[] | undefined;
  timeState?: TimeState | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  /** Cases with this unit (assigned, assisting, summoned). */
  unitInbox?: string | undefined;
  /** Open cases this unit commands. */
  commandInbox?: string | undefined;
  /** The cases of one of this unit's work queues. */
  queue?: { definition: QueueDefinition; unitId: string } | undefined;
  open?: boolean | undefined;
  /** Reported at or after / before this instant. */
  reportedFrom?: Date | undefined;
  reportedTo?: Date | undefined;
  /** Closed at or after this instant. */
  closedFrom?: Date | undefined;
  /** Only these cases (a set worked out in memory, e.g. the reported cases with a possible duplicate). */
  ids?: readonly string[] | undefined;
}

const commandUnit = alias(units, 'command_unit');
const assignedUnit = alias(units, 'assigned_unit');

/** A case row with the names of its command and assigned units, for lists and details. */
const summaryColumns = {
  case: cases,
  commandUnitCode: commandUnit.code,
  commandUnitName: commandUnit.name,
  assignedUnitCode: assignedUnit.code,
  assignedUnitName: assignedUnit.name,
  matterName: matters.name,
  matterNameEn: matters.nameEn,
  regionName: regions.name,
  regionNameEn: regions.nameEn,
  gridName: grids.name,
  gridNameEn: grids.nameEn,
};

export type CaseSummaryRow = {
  case: CaseRow;
  commandUnitCode: string;
  commandUnitName: string;
  assignedUnitCode: string | null;
  assignedUnitName: string | null;
  matterName: string;
  matterNameEn: string;
  regionName: string;
  regionNameEn: string;
  /** Null when the case is not on the map, or its grid has since been retired. */
  gridName: string | null;
  gridNameEn: string | null;
};

const matterOfCase = and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion));
/** The grid as the map has it now (one current row per code), so a case reads with its grid's name. */
const currentGridOfCase = and(eq(grids.code, cases.gridCode), isNull(grids.validTo));

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function scopeConditions(scope: CaseScope): SQL[] {
  if (scope.none) return [sql`false`];
  const conditions: SQL[] = [withinScope(cases.path, scope.scopePath)];
  if (scope.unitId !== undefined) {
    conditions.push(
      scope.unitId === null
        ? sql`false`
        : (or(
            eq(cases.commandUnitId, scope.unitId),
            sql`${cases.involvedUnitIds} @> ARRAY[${scope.unitId}]::uuid[]`,
          ) as SQL),
    );
  }
  if (scope.reporterUserId !== undefined) {
    conditions.push(
      scope.reporterUserId === null
        ? sql`false`
        : sql`EXISTS (SELECT 1 FROM ${caseReports} WHERE ${caseReports.caseId} = ${cases.id} AND ${caseReports.reporterUserId} = ${scope.reporterUserId})`,
    );
  }
  return conditions;
}

function filterConditions(filter: CaseFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.state?.length) conditions.push(inArray(cases.state, [...filter.state]));
  if (filter.open) conditions.push(inArray(cases.state, [...OPEN_STATES]));
  if (filter.level) conditions.push(eq(cases.level, filter.level));
  if (filter.underPath) conditions.push(withinScope(cases.path, filter.underPath));
  if (filter.matterCode) conditions.push(eq(cases.matterCode, filter.matterCode));
  if (filter.codes) conditions.push(filter.codes.length ? inArray(cases.code, [...filter.codes]) : sql`false`);
  if (filter.timeState) conditions.push(eq(cases.timeState, filter.timeState));
  if (filter.reportedFrom) conditions.push(gte(cases.createdAt, filter.reportedFrom));
  if (filter.reportedTo) conditions.push(lt(cases.createdAt, filter.reportedTo));
  if (filter.closedFrom) conditions.push(gte(cases.closedAt, filter.closedFrom));
  if (filter.channel) conditions.push(sql`${cases.channel} = ${filter.channel}`);
  if (filter.unitInbox) {
    conditions.push(sql`${cases.involvedUnitIds} @> ARRAY[${filter.unitInbox}]::uuid[]`);
    conditions.push(inArray(cases.state, [...OPEN_STATES]));
  }
  if (filter.commandInbox) {
    conditions.push(eq(cases.commandUnitId, filter.commandInbox));
    conditions.push(inArray(cases.state, [...OPEN_STATES]));
  }
  if (filter.queue) conditions.push(queueCondition(filter.queue.definition, filter.queue.unitId));
  if (filter.ids) conditions.push(filter.ids.length ? inArray(cases.id, [...filter.ids]) : sql`false`);
  if (filter.q?.trim()) {
    const q = filter.q.trim();
    const like = `%${escapeLike(q)}%`;
    conditions.push(
      or(
        eq(cases.code, q.toUpperCase()),
        sql`${cases.description} ILIKE ${like}`,
        sql`${cases.address} ILIKE ${like}`,
      ) as SQL,
    );
  }
  return conditions;
}

/** A work queue as SQL: the same reading as domain/queues.ts isInQueue (desk-queues.test.ts holds them together). */
function queueCondition(queue: QueueDefinition, unitId: string): SQL {
  const summoned = sql`jsonb_array_elements(${cases.snapshot}->'whistle'->'units')`;
  const relation = (): SQL => {
    switch (queue.relation) {
      case 'command_unit':
        return eq(cases.commandUnitId, unitId);
      case 'assigned_unit':
        return eq(cases.assignedUnitId, unitId);
      case 'summoned_unit':
        return sql`${cases.involvedUnitIds} @> ARRAY[${unitId}]::uuid[] AND EXISTS (SELECT 1 FROM ${summoned} AS u
          WHERE u->>'unitId' = ${unitId} AND u->>'arrivedAt' IS NULL)`;
      default:
        return assertUnreachable(queue.relation);
    }
  };
  const condition = (): SQL => {
    switch (queue.condition) {
      case undefined:
        return sql`true`;
      case 'awaiting_arrivals':
        return sql`EXISTS (SELECT 1 FROM ${summoned} AS u WHERE u->>'arrivedAt' IS NULL)`;
      case 'review_due':
        return eq(cases.timeState, 'overdue');
      case 'time_pressed':
        return inArray(cases.timeState, ['warning', 'overdue']);
      case 'reworked':
        return sql`((${cases.snapshot}->>'reworkCount')::int > 0 OR (${cases.snapshot}->>'dissatisfiedReopenCount')::int > 0)`;
      default:
        return assertUnreachable(queue.condition);
    }
  };
  return and(inArray(cases.state, [...queue.states]), relation(), condition()) as SQL;
}

/**
 * Case summaries with the names every list shows (command and assigned unit, matter, region,
 * current grid): the joins live here once, so no list can miss one.
 */
function summaries(db: Executor) {
  return db
    .select(summaryColumns)
    .from(cases)
    .innerJoin(commandUnit, eq(commandUnit.id, cases.commandUnitId))
    .leftJoin(assignedUnit, eq(assignedUnit.id, cases.assignedUnitId))
    .innerJoin(matters, matterOfCase)
    .innerJoin(regions, eq(regions.code, cases.regionCode))
    .leftJoin(grids, currentGridOfCase);
}

interface DuplicateCandidateQuery {
  categories: readonly MatterCategory[];
  since: Date;
  box: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  excludeIds?: readonly string[];
}

const duplicateCandidateColumns = {
  id: cases.id,
  code: cases.code,
  state: cases.state,
  matterCode: cases.matterCode,
  matterCategory: cases.matterCategory,
  lon: cases.lon,
  lat: cases.lat,
  createdAt: cases.createdAt,
  keptApartCaseIds: cases.keptApartCaseIds,
};

/** A candidate's columns with its description; for the batch's statement written out in full, read once, here. */
const candidateColumns = { ...duplicateCandidateColumns, description: cases.description };
const CANDIDATE_FIELDS = Object.entries(candidateColumns) as [
  keyof typeof candidateColumns,
  (typeof candidateColumns)[keyof typeof candidateColumns],
][];
const CANDIDATE_SELECT = sql.raw(CANDIDATE_FIELDS.map(([, column]) => `c."${column.name}"`).join(', '));
type CandidateRow = { [F in keyof typeof candidateColumns]: (typeof candidateColumns)[F]['_']['data'] };
/** A candidate and the reports (their indexes) whose search found it. */
type CandidateOfReports = CandidateRow & { of: number[] };

function duplicateCandidateConditions(query: DuplicateCandidateQuery): SQL | undefined {
  const conditions: SQL[] = [
    // The box first: the duplicates index (GiST on the point, open cases only) answers it.
    sql`point(${cases.lon}, ${cases.lat}) <@ box(point(${query.box.minLon}::float8, ${query.box.minLat}::float8), point(${query.box.maxLon}::float8, ${query.box.maxLat}::float8))`,
    sql`${cases.state} IN (${sql.raw(OPEN_STATES_SQL)})`,
    inArray(cases.matterCategory, [...query.categories]),
    gte(cases.createdAt, query.since),
  ];
  if (query.excludeIds?.length)
    conditions.push(
      sql`${cases.id} <> ALL(ARRAY[${sql.join(
        query.excludeIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[])`,
    );
  return and(...conditions);
}

export const casesRepository = {
  /** How many cases in scope each of the unit's queues holds, in one pass. */
  async countQueuesInScope(
    db: Executor,
    scope: CaseScope,
    queues: readonly QueueDefinition[],
    unitId: string,
  ): Promise<number[]> {
    if (queues.length === 0) return [];
    const [row] = await db
      .select(
        Object.fromEntries(
          queues.map((q, i) => [`q${i}`, sql<number>`count(*) FILTER (WHERE ${queueCondition(q, unitId)})::int`]),
        ),
      )
      .from(cases)
      .where(and(...scopeConditions(scope)));
    return queues.map((_, i) => Number(row?.[`q${i}`] ?? 0));
  },

  /**
   * The live counts in scope (workbench, big screen): open cases per state, yellow and red
   * among the open ones, reported and closed since `dayStart`. One scan of the scope.
   */
  async overviewInScope(db: Executor, scope: CaseScope, dayStart: Date) {
    const open = inArray(cases.state, [...OPEN_STATES]);
    const [totals] = await db
      .select({
        open: sql<number>`count(*) FILTER (WHERE ${open})::int`,
        warning: sql<number>`count(*) FILTER (WHERE ${open} AND ${cases.timeState} = 'warning')::int`,
        overdue: sql<number>`count(*) FILTER (WHERE ${open} AND ${cases.timeState} = 'overdue')::int`,
        reportedToday: sql<number>`count(*) FILTER (WHERE ${cases.createdAt} >= ${dayStart})::int`,
        closedToday: sql<number>`count(*) FILTER (WHERE ${cases.closedAt} >= ${dayStart})::int`,
      })
      .from(cases)
      .where(and(...scopeConditions(scope)));
    const byState = await db
      .select({ state: cases.state, count: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(open, ...scopeConditions(scope)))
      .groupBy(cases.state);
    return {
      open: Number(totals?.open ?? 0),
      warning: Number(totals?.warning ?? 0),
      overdue: Number(totals?.overdue ?? 0),
      reportedToday: Number(totals?.reportedToday ?? 0),
      closedToday: Number(totals?.closedToday ?? 0),
      byState: byState.map((r) => ({ state: r.state as CaseState, count: Number(r.count) })),
    };
  },

  /** The points of the open cases in scope that lie on the map, newest first (one more than `limit`: truncated). */
  async openPointsInScope(db: Executor, scope: CaseScope, limit: number) {
    return db
      .select({ code: cases.code, lon: cases.lon, lat: cases.lat, state: cases.state, timeState: cases.timeState })
      .from(cases)
      .where(
        and(
          inArray(cases.state, [...OPEN_STATES]),
          sql`${cases.lon} IS NOT NULL AND ${cases.lat} IS NOT NULL`,
          ...scopeConditions(scope),
        ),
      )
      .orderBy(desc(cases.createdAt))
      .limit(limit + 1);
  },

  /**
   * Case events of the domain event log after `afterId`, of the cases the scope may read,
   * oldest first (the desk's live stream).
   */
  async caseDomainEventsAfterInScope(db: Executor, afterId: number, scope: CaseScope, limit: number) {
    return db
      .select({
        id: domainEvents.id,
        type: sql<string>`${domainEvents.payload}->>'type'`,
        toState: sql<string>`${domainEvents.payload}->>'toState'`,
        at: domainEvents.occurredAt,
        caseCode: cases.code,
      })
      .from(domainEvents)
      .innerJoin(cases, eq(cases.id, domainEvents.aggregateId))
      .where(and(gt(domainEvents.id, afterId), eq(domainEvents.aggregateKind, 'case'), ...scopeConditions(scope)))
      .orderBy(asc(domainEvents.id))
      .limit(limit);
  },

  async insertCase(db: Executor, row: NewCaseRow): Promise<CaseRow> {
    const [saved] = await db.insert(cases).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  async findInScope(db: Executor, code: string, scope: CaseScope): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.code, code), ...scopeConditions(scope)));
    return row;
  },

  /** Whether the case with this id is in scope (photos ask it: a photo is readable when its case is). */
  async existsInScope(db: Executor, id: string, scope: CaseScope): Promise<boolean> {
    const [row] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, id), ...scopeConditions(scope)));
    return row !== undefined;
  },

  /** The case in scope, locked until the caller's transaction ends. */
  async lockInScope(db: Executor, code: string, scope: CaseScope): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.code, code), ...scopeConditions(scope)))
      .for('update');
    return row;
  },

  /** Locks cases in id order, so that two transactions locking the same cases cannot deadlock. */
  async lockByIds(db: Executor, ids: readonly string[]): Promise<CaseRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(cases)
      .where(inArray(cases.id, [...ids]))
      .orderBy(asc(cases.id))
      .for('update');
  },

  /** Writes a case if it is still at `expectedVersion`; false when someone else changed it first. */
  async updateCase(db: Executor, id: string, expectedVersion: number, patch: Partial<NewCaseRow>): Promise<boolean> {
    const rows = await db
      .update(cases)
      .set({ ...patch, version: expectedVersion + 1 })
      .where(and(eq(cases.id, id), eq(cases.version, expectedVersion)))
      .returning({ id: cases.id });
    return rows.length === 1;
  },

  /**
   * Locks cases in id order (two transactions locking the same cases cannot deadlock) and
   * reads them with their names, as they are once locked: one statement for a batch of intakes
   * that join reports to open cases. `noWait`: fail at once (PostgreSQL's lock_not_available,
   * see isLockNotAvailable) rather than wait for a case another transaction holds.
   */
  async lockSummaries(db: Executor, ids: readonly string[], noWait = false): Promise<CaseSummaryRow[]> {
    if (ids.length === 0) return [];
    // One text whatever the number of cases (an array, not a list): prepared once per connection.
    return summaries(db)
      .where(sql`${preparedMark('case_lock')} ${cases.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`)
      .orderBy(asc(cases.id))
      .for('update', noWait ? { of: cases, noWait: true } : { of: cases });
  },

  async summaryById(db: Executor, id: string): Promise<CaseSummaryRow | undefined> {
    const [row] = await summaries(db).where(eq(cases.id, id));
    return row;
  },

  async listInScope(
    db: Executor,
    filter: CaseFilter,
    scope: CaseScope,
    page: { limit: number; offset: number },
  ): Promise<{ items: CaseSummaryRow[]; total: number; capped: boolean }> {
    const where = and(...scopeConditions(scope), ...filterConditions(filter));
    const [items, total] = await Promise.all([
      summaries(db).where(where).orderBy(desc(cases.createdAt), desc(cases.code)).limit(page.limit).offset(page.offset),
      cappedCount(db, where, Math.max(LIST_COUNT_CAP, page.offset + page.limit)),
    ]);
    return { items, ...total };
  },

  /** How many cases in scope match the filter (the total of listInScope). */
  async countInScope(db: Executor, filter: CaseFilter, scope: CaseScope): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(cases)
      .where(and(...scopeConditions(scope), ...filterConditions(filter)));
    return row?.n ?? 0;
  },

  /**
   * Reported cases in scope that lie on the map, with their matter's duplicate rule (the cases an
   * operator judges as duplicates before registering them), the oldest first, at most `limit`.
   */
  async reportedWithDuplicateRuleInScope(db: Executor, scope: CaseScope, limit: number) {
    return db
      .select({
        id: cases.id,
        matterCode: cases.matterCode,
        matterCategory: cases.matterCategory,
        lon: cases.lon,
        lat: cases.lat,
        createdAt: cases.createdAt,
        keptApartCaseIds: cases.keptApartCaseIds,
        radiusMeters: matters.duplicateRadiusMeters,
        windowHours: matters.duplicateWindowHours,
      })
      .from(cases)
      .innerJoin(matters, matterOfCase)
      .where(
        and(
          ...scopeConditions(scope),
          eq(cases.state, 'reported'),
          sql`${cases.lon} IS NOT NULL AND ${cases.lat} IS NOT NULL`,
        ),
      )
      .orderBy(asc(cases.createdAt))
      .limit(limit);
  },

  /** Cases in scope whose running limit is in `timeState`, the most urgent first. */
  async supervisionInScope(
    db: Executor,
    scope: CaseScope,
    timeState: Exclude<TimeState, 'normal'>,
    filter: { level?: HandlingLevel | undefined },
    limit: number,
  ): Promise<{ items: CaseSummaryRow[]; total: number; capped: boolean }> {
    const conditions = [
      ...scopeConditions(scope),
      eq(cases.timeState, timeState),
      sql`${cases.stage} IS NOT NULL`,
      ...(filter.level ? [eq(cases.level, filter.level)] : []),
    ];
    const where = and(...conditions);
    // The page's ids first, by the time-state index, then their summaries: joined at once, the planner
    // misjudged how few rows the scope keeps and joined every red case before sorting (1 s at 2 M cases).
    const page = db.select({ id: cases.id }).from(cases).where(where).orderBy(asc(cases.stageDueAt)).limit(limit);
    const [items, total] = await Promise.all([
      summaries(db).where(inArray(cases.id, page)).orderBy(asc(cases.stageDueAt)),
      cappedCount(db, where, Math.max(LIST_COUNT_CAP, limit)),
    ]);
    return { items, ...total };
  },

  /**
   * Open cases in scope that a person supervised by hand (督办 by an operator, leader or
   * supervisor, not the overdue timer's), the latest supervised first.
   */
  async handSupervisedInScope(
    db: Executor,
    scope: CaseScope,
    filter: { level?: HandlingLevel | undefined },
    limit: number,
  ): Promise<{ items: CaseSummaryRow[]; total: number; capped: boolean }> {
    const where = and(
      ...scopeConditions(scope),
      inArray(cases.state, [...OPEN_STATES]),
      sql`EXISTS (SELECT 1 FROM ${caseEvents} WHERE ${caseEvents.caseId} = ${cases.id}
        AND ${caseEvents.type} = 'supervised' AND ${caseEvents.actorUserId} IS NOT NULL)`,
      ...(filter.level ? [eq(cases.level, filter.level)] : []),
    );
    const [items, total] = await Promise.all([
      summaries(db)
        .where(where)
        .orderBy(sql`${cases.snapshot}->>'lastSupervisedAt' DESC`, desc(cases.code))
        .limit(limit),
      cappedCount(db, where, Math.max(LIST_COUNT_CAP, limit)),
    ]);
    return { items, ...total };
  },

  /**
   * Open cases of the categories reported since `since` whose point lies in the box: the
   * candidates of duplicate detection, scored in memory by findDuplicates.
   */
  async duplicateCandidates(db: Executor, query: DuplicateCandidateQuery) {
    return db.select(candidateColumns).from(cases).where(duplicateCandidateConditions(query)).limit(200);
  },

  /**
   * The candidates of several reports in one query (a batch of intakes): each row names the
   * reports (`of`, their indexes in `queries`) whose conditions it meets, up to 200 per report.
   * The reports go as one JSON parameter, each searched through the duplicates index in a
   * LATERAL subquery: the statement's text is the same for every batch, so building it costs
   * nothing (conditions built per report cost more CPU than the database spent on the search).
   * A statement and its reading, to run with the batch's first in one round trip.
   */
  duplicateCandidatesOfEach(queries: readonly DuplicateCandidateQuery[]): Reading<CandidateOfReports[]> {
    const reports = queries.map((q, i) => ({
      i,
      categories: q.categories,
      since: q.since.toISOString(),
      min_lon: q.box.minLon,
      max_lon: q.box.maxLon,
      min_lat: q.box.minLat,
      max_lat: q.box.maxLat,
      exclude: q.excludeIds ?? [],
    }));
    const statement = sql`${preparedMark('duplicate_search')} SELECT ${CANDIDATE_SELECT}, m.of
          FROM (SELECT near.id, array_agg(q.i ORDER BY q.i) AS of
                FROM jsonb_to_recordset(${JSON.stringify(reports)}::jsonb) AS q(i int, categories text[],
                       since timestamptz, min_lon float8, max_lon float8, min_lat float8, max_lat float8, exclude uuid[])
                CROSS JOIN LATERAL (
                  SELECT c.id FROM cases c
                   WHERE point(c.lon, c.lat) <@ box(point(q.min_lon, q.min_lat), point(q.max_lon, q.max_lat))
                     AND c.state IN (${sql.raw(OPEN_STATES_SQL)})
                     AND c.matter_category = ANY(q.categories) AND c.created_at >= q.since
                     AND c.id <> ALL(q.exclude)
                   LIMIT 200) AS near
                GROUP BY near.id) AS m
          JOIN cases c ON c.id = m.id`;
    const read = (rows: Record<string, unknown>[]) =>
      (rows as (Record<string, unknown> & { of: (number | string)[] })[]).map((row) => {
        const candidate = Object.fromEntries(
          CANDIDATE_FIELDS.map(([field, column]) => {
            const value = row[column.name];
            return [field, value === null ? null : column.mapFromDriverValue(value)];
          }),
        ) as CandidateRow;
        return { ...candidate, of: row.of.map(Number) };
      });
    return { statement, read };
  },

  /** The same candidates without their descriptions, many at a time (for a whole intake queue at once). */
  async duplicateCandidatePoints(db: Executor, query: DuplicateCandidateQuery, limit: number) {
    return db.select(duplicateCandidateColumns).from(cases).where(duplicateCandidateConditions(query)).limit(limit);
  },

  /** Serializes intake near a point for a matter, so two simultaneous reports cannot both open a case. */
  async lockIntakeCells(db: Executor, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    // One round trip; the keys are taken in sorted order, so two intakes cannot deadlock.
    await db.execute(sql`
      SELECT count(pg_advisory_xact_lock(hashtext(k)))
      FROM (SELECT k FROM unnest(ARRAY[${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]) AS k ORDER BY k) AS ordered`);
  },
};
