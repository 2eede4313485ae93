import { type HandlingLevel, type MatterCategory, OPEN_STATES } from '@yiwang/contracts';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, lte, min, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { domainEvents } from '../events/events.tables.js';
import { gridPosts } from '../staffing/staffing.tables.js';
import { units } from '../units/units.tables.js';
import {
  caseEvents,
  caseReports,
  cases,
  caseTimers,
  idempotencyKeys,
  routingRules,
  type TimerKind,
  type TimeState,
} from './cases.tables.js';
import type { CaseState } from './domain/workflow-types.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type CaseReportRow = typeof caseReports.$inferSelect;
export type NewCaseReportRow = typeof caseReports.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type NewCaseEventRow = typeof caseEvents.$inferInsert;
export type CaseTimerRow = typeof caseTimers.$inferSelect;
export type NewCaseTimerRow = typeof caseTimers.$inferInsert;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

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
  timeState?: TimeState | undefined;
  channel?: string | undefined;
  q?: string | undefined;
  /** Cases with this unit (assigned, assisting, summoned). */
  unitInbox?: string | undefined;
  /** Open cases this unit commands. */
  commandInbox?: string | undefined;
  open?: boolean | undefined;
  /** Reported at or after / before this instant. */
  reportedFrom?: Date | undefined;
  reportedTo?: Date | undefined;
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
};

export type CaseSummaryRow = {
  case: CaseRow;
  commandUnitCode: string;
  commandUnitName: string;
  assignedUnitCode: string | null;
  assignedUnitName: string | null;
  matterName: string;
  matterNameEn: string;
};

const matterOfCase = and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion));

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
  if (filter.timeState) conditions.push(eq(cases.timeState, filter.timeState));
  if (filter.reportedFrom) conditions.push(gte(cases.createdAt, filter.reportedFrom));
  if (filter.reportedTo) conditions.push(lt(cases.createdAt, filter.reportedTo));
  if (filter.channel) conditions.push(sql`${cases.channel} = ${filter.channel}`);
  if (filter.unitInbox) {
    conditions.push(sql`${cases.involvedUnitIds} @> ARRAY[${filter.unitInbox}]::uuid[]`);
    conditions.push(inArray(cases.state, [...OPEN_STATES]));
  }
  if (filter.commandInbox) {
    conditions.push(eq(cases.commandUnitId, filter.commandInbox));
    conditions.push(inArray(cases.state, [...OPEN_STATES]));
  }
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

export const casesRepository = {
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

  async summaryById(db: Executor, id: string): Promise<CaseSummaryRow | undefined> {
    const [row] = await db
      .select(summaryColumns)
      .from(cases)
      .innerJoin(commandUnit, eq(commandUnit.id, cases.commandUnitId))
      .leftJoin(assignedUnit, eq(assignedUnit.id, cases.assignedUnitId))
      .innerJoin(matters, matterOfCase)
      .where(eq(cases.id, id));
    return row;
  },

  async listInScope(
    db: Executor,
    filter: CaseFilter,
    scope: CaseScope,
    page: { limit: number; offset: number },
  ): Promise<{ items: CaseSummaryRow[]; total: number }> {
    const where = and(...scopeConditions(scope), ...filterConditions(filter));
    const [items, [total]] = await Promise.all([
      db
        .select(summaryColumns)
        .from(cases)
        .innerJoin(commandUnit, eq(commandUnit.id, cases.commandUnitId))
        .leftJoin(assignedUnit, eq(assignedUnit.id, cases.assignedUnitId))
        .innerJoin(matters, matterOfCase)
        .where(where)
        .orderBy(desc(cases.createdAt), desc(cases.code))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(cases).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /** Cases in scope whose running limit is in `timeState`, the most urgent first. */
  async supervisionInScope(
    db: Executor,
    scope: CaseScope,
    timeState: Exclude<TimeState, 'normal'>,
    filter: { level?: HandlingLevel | undefined },
    limit: number,
  ): Promise<{ items: CaseSummaryRow[]; total: number }> {
    const conditions = [
      ...scopeConditions(scope),
      eq(cases.timeState, timeState),
      sql`${cases.stage} IS NOT NULL`,
      ...(filter.level ? [eq(cases.level, filter.level)] : []),
    ];
    const where = and(...conditions);
    const [items, [total]] = await Promise.all([
      db
        .select(summaryColumns)
        .from(cases)
        .innerJoin(commandUnit, eq(commandUnit.id, cases.commandUnitId))
        .leftJoin(assignedUnit, eq(assignedUnit.id, cases.assignedUnitId))
        .innerJoin(matters, matterOfCase)
        .where(where)
        .orderBy(asc(cases.stageDueAt))
        .limit(limit),
      db.select({ n: count() }).from(cases).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /**
   * Open cases of a category reported since `since` whose point lies in the box: the
   * candidates of duplicate detection, scored in memory by findDuplicates.
   */
  async duplicateCandidates(
    db: Executor,
    query: {
      category: MatterCategory;
      since: Date;
      box: { minLon: number; minLat: number; maxLon: number; maxLat: number };
      excludeIds?: readonly string[];
    },
  ) {
    const conditions: SQL[] = [
      eq(cases.matterCategory, query.category),
      inArray(cases.state, [...OPEN_STATES]),
      gte(cases.createdAt, query.since),
      gte(cases.lon, query.box.minLon),
      lte(cases.lon, query.box.maxLon),
      gte(cases.lat, query.box.minLat),
      lte(cases.lat, query.box.maxLat),
    ];
    if (query.excludeIds?.length)
      conditions.push(
        sql`${cases.id} <> ALL(ARRAY[${sql.join(
          query.excludeIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[])`,
      );
    return db
      .select({
        id: cases.id,
        code: cases.code,
        state: cases.state,
        matterCode: cases.matterCode,
        matterCategory: cases.matterCategory,
        lon: cases.lon,
        lat: cases.lat,
        createdAt: cases.createdAt,
        description: cases.description,
        keptApartCaseIds: cases.keptApartCaseIds,
      })
      .from(cases)
      .where(and(...conditions))
      .limit(200);
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

  // ── reports ──────────────────────────────────────────────────────────────────────

  async insertReport(db: Executor, row: NewCaseReportRow): Promise<CaseReportRow> {
    const [saved] = await db.insert(caseReports).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  async reportsOf(db: Executor, caseId: string): Promise<CaseReportRow[]> {
    return db
      .select()
      .from(caseReports)
      .where(eq(caseReports.caseId, caseId))
      .orderBy(asc(caseReports.createdAt), asc(caseReports.id));
  },

  /** The signed-in people who reported a case (merged reports too), first reporter first. */
  async reporterUserIdsOf(db: Executor, caseId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: caseReports.reporterUserId, first: min(caseReports.createdAt) })
      .from(caseReports)
      .where(and(eq(caseReports.caseId, caseId), isNotNull(caseReports.reporterUserId)))
      .groupBy(caseReports.reporterUserId)
      .orderBy(asc(min(caseReports.createdAt)));
    return rows.flatMap((r) => (r.userId === null ? [] : [r.userId]));
  },

  /** The first report of each case (who reported it first), for lists and exports. */
  async firstReportsOf(db: Executor, caseIds: readonly string[]): Promise<Map<string, CaseReportRow>> {
    const result = new Map<string, CaseReportRow>();
    for (let i = 0; i < caseIds.length; i += 1000) {
      const rows = await db
        .selectDistinctOn([caseReports.caseId])
        .from(caseReports)
        .where(inArray(caseReports.caseId, caseIds.slice(i, i + 1000)))
        .orderBy(caseReports.caseId, asc(caseReports.createdAt), asc(caseReports.id));
      for (const row of rows) result.set(row.caseId, row);
    }
    return result;
  },

  async findReport(db: Executor, caseId: string, reportId: string): Promise<CaseReportRow | undefined> {
    const [row] = await db
      .select()
      .from(caseReports)
      .where(and(eq(caseReports.caseId, caseId), eq(caseReports.id, reportId)));
    return row;
  },

  async findReportByExternalId(db: Executor, channel: string, externalId: string) {
    const [row] = await db
      .select({ report: caseReports, caseId: cases.id })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(sql`${caseReports.channel} = ${channel}`, eq(caseReports.externalId, externalId)));
    return row;
  },

  /** Moves every report of one case to another (a merge); answers how many moved. */
  async moveReports(db: Executor, fromCaseId: string, toCaseId: string): Promise<number> {
    const rows = await db
      .update(caseReports)
      .set({ caseId: toCaseId })
      .where(eq(caseReports.caseId, fromCaseId))
      .returning({ id: caseReports.id });
    return rows.length;
  },

  // ── timeline ─────────────────────────────────────────────────────────────────────

  async insertEvents(db: Executor, rows: NewCaseEventRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(caseEvents).values(rows);
  },

  async eventsOf(db: Executor, caseId: string) {
    return db
      .select({ event: caseEvents, actorName: users.displayName })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorUserId))
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.id));
  },

  async countEvents(db: Executor, caseId: string, type: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type)));
    return row?.n ?? 0;
  },

  // ── timers ───────────────────────────────────────────────────────────────────────

  async insertTimers(db: Executor, rows: NewCaseTimerRow[]): Promise<void> {
    if (rows.length > 0) await db.insert(caseTimers).values(rows);
  },

  /**
   * Cancels a case's pending timers of these kinds. Timers a worker is applying right now
   * are skipped, not waited for (no lock-order deadlock with the worker, which locks timer
   * then case); the worker finds the case moved on and closes them without effect.
   */
  async cancelPendingTimers(db: Executor, caseId: string, kinds: readonly TimerKind[], at: Date): Promise<void> {
    if (kinds.length === 0) return;
    await db.execute(sql`
      UPDATE ${caseTimers} SET status = 'cancelled', processed_at = ${at}
      WHERE id IN (
        SELECT id FROM ${caseTimers}
        WHERE ${caseTimers.caseId} = ${caseId} AND ${caseTimers.status} = 'pending'
          AND ${caseTimers.kind} IN (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})
        FOR UPDATE SKIP LOCKED
      )`);
  },

  /** Claims due timers for this transaction; rows another worker holds are skipped. */
  async claimDueTimers(db: Executor, now: Date, limit: number): Promise<CaseTimerRow[]> {
    return db
      .select()
      .from(caseTimers)
      .where(and(eq(caseTimers.status, 'pending'), lte(caseTimers.dueAt, now)))
      .orderBy(asc(caseTimers.dueAt), asc(caseTimers.id))
      .limit(limit)
      .for('update', { skipLocked: true });
  },

  /** Records an attempt: done, failed for good, or pending again from `retryAt`. */
  async finishTimer(
    db: Executor,
    id: string,
    outcome:
      | { status: 'done'; at: Date }
      | { status: 'failed'; at: Date; error: string }
      | { status: 'pending'; retryAt: Date; error: string },
  ): Promise<void> {
    await db
      .update(caseTimers)
      .set({
        status: outcome.status,
        attempts: sql`${caseTimers.attempts} + 1`,
        ...(outcome.status === 'pending'
          ? { dueAt: outcome.retryAt, lastError: outcome.error }
          : { processedAt: outcome.at, lastError: outcome.status === 'failed' ? outcome.error : null }),
      })
      .where(eq(caseTimers.id, id));
  },

  async timersOf(db: Executor, caseId: string): Promise<CaseTimerRow[]> {
    return db.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)).orderBy(asc(caseTimers.dueAt));
  },

  // ── routing rules ────────────────────────────────────────────────────────────────

  async activeRoutingRules(db: Executor): Promise<RoutingRuleRow[]> {
    return db
      .select()
      .from(routingRules)
      .where(eq(routingRules.active, true))
      .orderBy(asc(routingRules.position), asc(routingRules.code));
  },

  async insertRoutingRules(db: Executor, rows: (typeof routingRules.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await db.insert(routingRules).values(rows.slice(i, i + 200));
  },

  /** Grid-team posts named by dispatch rules (their A/B holders). */
  async postsByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        id: gridPosts.id,
        gridCode: gridPosts.gridCode,
        role: gridPosts.role,
        holderUserId: gridPosts.holderUserId,
        backupUserId: gridPosts.backupUserId,
      })
      .from(gridPosts)
      .where(inArray(gridPosts.id, [...ids]));
  },

  // ── units ────────────────────────────────────────────────────────────────────────

  /** Command centers and workstations of these regions, by region code. */
  async commandUnitsOfRegions(db: Executor, regionCodes: readonly string[]): Promise<Map<string, string>> {
    if (regionCodes.length === 0) return new Map();
    const rows = await db
      .select({ id: units.id, regionCode: units.regionCode, kind: units.kind })
      .from(units)
      .where(and(inArray(units.regionCode, [...regionCodes]), inArray(units.kind, ['command_center', 'workstation'])));
    // A region has one of them; the command center wins should both exist.
    const sorted = rows.sort((a, b) => (a.kind === 'command_center' ? 1 : 0) - (b.kind === 'command_center' ? 1 : 0));
    return new Map(sorted.map((r) => [r.regionCode, r.id]));
  },

  async unitRefs(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .where(inArray(units.id, [...ids]));
  },

  async unitByCode(db: Executor, code: string) {
    const [row] = await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.code, code));
    return row;
  },

  // ── idempotency ──────────────────────────────────────────────────────────────────

  /**
   * Claims a key in the caller's transaction. A concurrent claim of the same key waits for
   * this transaction (the unique key), then finds the completed row; on rollback it takes over.
   */
  async claimIdempotencyKey(
    db: Executor,
    claim: { actorId: string; key: string; requestHash: string },
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRow }> {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ ...claim, status: 'processing' })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length === 1) return { claimed: true };
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorId, claim.actorId), eq(idempotencyKeys.key, claim.key)));
    if (!existing) throw new Error('idempotency key vanished');
    return { claimed: false, existing };
  },

  async completeIdempotencyKey(
    db: Executor,
    claim: { actorId: string; key: string },
    response: { status: number; body: unknown },
  ): Promise<void> {
    await db
      .update(idempotencyKeys)
      .set({ status: 'completed', responseStatus: response.status, responseBody: response.body })
      .where(and(eq(idempotencyKeys.actorId, claim.actorId), eq(idempotencyKeys.key, claim.key)));
  },

  /** Keys older than `before` (kept for a day or so: long enough for any client's retries). */
  async deleteIdempotencyKeysBefore(db: Executor, before: Date): Promise<void> {
    await db.delete(idempotencyKeys).where(lte(idempotencyKeys.createdAt, before));
  },
};
