import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { visits } from '../visits/visits.tables.js';
import { patrolPoints, patrols } from './patrols.tables.js';

export type PatrolRow = typeof patrols.$inferSelect;
export type NewPatrolRow = typeof patrols.$inferInsert;
export type PatrolPointRow = typeof patrolPoints.$inferSelect;
export type NewPatrolPointRow = typeof patrolPoints.$inferInsert;

/** When a patrol was last active: its end, else its latest fix, else its start. */
const lastActivity = sql<Date>`coalesce(${patrols.endedAt}, ${patrols.lastAt}, ${patrols.startedAt})`;

export const patrolsRepository = {
  async findOpenOfUser(db: Executor, userId: string): Promise<PatrolRow | undefined> {
    const [row] = await db
      .select()
      .from(patrols)
      .where(and(eq(patrols.userId, userId), isNull(patrols.endedAt)));
    return row;
  },

  /** Undefined when the worker already has an open patrol (a simultaneous start won). */
  async insertPatrol(db: Executor, row: NewPatrolRow): Promise<PatrolRow | undefined> {
    const [saved] = await db.insert(patrols).values(row).onConflictDoNothing().returning();
    return saved;
  },

  /** A user's patrol that started last, open or ended. */
  async latestOfUser(db: Executor, userId: string): Promise<PatrolRow | undefined> {
    const [row] = await db
      .select()
      .from(patrols)
      .where(eq(patrols.userId, userId))
      .orderBy(desc(patrols.startedAt))
      .limit(1);
    return row;
  },

  async findById(db: Executor, id: string): Promise<PatrolRow | undefined> {
    const [row] = await db.select().from(patrols).where(eq(patrols.id, id));
    return row;
  },

  /** Locked until the caller's transaction ends: batches of one patrol are applied one at a time. */
  async lockById(db: Executor, id: string): Promise<PatrolRow | undefined> {
    const [row] = await db.select().from(patrols).where(eq(patrols.id, id)).for('update');
    return row;
  },

  async updatePatrol(db: Executor, id: string, patch: Partial<NewPatrolRow>): Promise<PatrolRow> {
    const [row] = await db.update(patrols).set(patch).where(eq(patrols.id, id)).returning();
    if (!row) throw new Error(`patrol ${id} vanished`);
    return row;
  },

  /** Inserts fixes; one already stored (same patrol and time) is skipped. Answers the times stored. */
  async insertPoints(db: Executor, rows: NewPatrolPointRow[]): Promise<Date[]> {
    if (rows.length === 0) return [];
    const saved = await db.insert(patrolPoints).values(rows).onConflictDoNothing().returning({ at: patrolPoints.at });
    return saved.map((r) => r.at);
  },

  /** The last fix of a patrol before `before` that is good enough to measure from. */
  async lastUsableFixBefore(db: Executor, patrolId: string, before: Date, maxAccuracyM: number) {
    const [row] = await db
      .select({ at: patrolPoints.at, lon: patrolPoints.lon, lat: patrolPoints.lat, accuracyM: patrolPoints.accuracyM })
      .from(patrolPoints)
      .where(
        and(
          eq(patrolPoints.patrolId, patrolId),
          lt(patrolPoints.at, before),
          sql`(${patrolPoints.accuracyM} IS NULL OR ${patrolPoints.accuracyM} <= ${maxAccuracyM})`,
        ),
      )
      .orderBy(desc(patrolPoints.at))
      .limit(1);
    return row;
  },

  async fixesOf(db: Executor, patrolId: string) {
    return db
      .select({ at: patrolPoints.at, lon: patrolPoints.lon, lat: patrolPoints.lat, accuracyM: patrolPoints.accuracyM })
      .from(patrolPoints)
      .where(eq(patrolPoints.patrolId, patrolId))
      .orderBy(asc(patrolPoints.at));
  },

  async latestFix(db: Executor, patrolId: string): Promise<PatrolPointRow | undefined> {
    const [row] = await db
      .select()
      .from(patrolPoints)
      .where(eq(patrolPoints.patrolId, patrolId))
      .orderBy(desc(patrolPoints.at))
      .limit(1);
    return row;
  },

  /** Open patrols whose latest fix, since `since`, lies under `areaPath`: the live map. */
  async livePositions(db: Executor, areaPath: string, since: Date) {
    return db
      .select({ patrol: patrols, displayName: users.displayName })
      .from(patrols)
      .innerJoin(users, eq(users.id, patrols.userId))
      .where(and(isNull(patrols.endedAt), gte(patrols.lastAt, since), withinScope(patrols.lastPath, areaPath)))
      .orderBy(asc(users.displayName))
      .limit(1000);
  },

  /** Patrols with at least one fix under `areaPath` in [from, to): the tracks of a day and area. */
  async patrolsWithFixesIn(
    db: Executor,
    query: { areaPath: string; from: Date; to: Date; userId?: string | undefined; limit: number },
  ) {
    const conditions: SQL[] = [
      sql`EXISTS (SELECT 1 FROM ${patrolPoints} WHERE ${patrolPoints.patrolId} = ${patrols.id} AND ${withinScope(patrolPoints.path, query.areaPath)} AND ${patrolPoints.at} >= ${query.from} AND ${patrolPoints.at} < ${query.to})`,
    ];
    if (query.userId) conditions.push(eq(patrols.userId, query.userId));
    return db
      .select({ patrol: patrols, displayName: users.displayName })
      .from(patrols)
      .innerJoin(users, eq(users.id, patrols.userId))
      .where(and(...conditions))
      .orderBy(asc(patrols.startedAt))
      .limit(query.limit);
  },

  /** The fixes of these patrols under `areaPath` in [from, to), in time order per patrol. */
  async fixesIn(db: Executor, patrolIds: string[], query: { areaPath: string; from: Date; to: Date }) {
    if (patrolIds.length === 0) return [];
    return db
      .select({
        patrolId: patrolPoints.patrolId,
        at: patrolPoints.at,
        lon: patrolPoints.lon,
        lat: patrolPoints.lat,
        accuracyM: patrolPoints.accuracyM,
        gridCode: patrolPoints.gridCode,
      })
      .from(patrolPoints)
      .where(
        and(
          inArray(patrolPoints.patrolId, patrolIds),
          withinScope(patrolPoints.path, query.areaPath),
          gte(patrolPoints.at, query.from),
          lt(patrolPoints.at, query.to),
        ),
      )
      .orderBy(asc(patrolPoints.patrolId), asc(patrolPoints.at));
  },

  /** Visits made on these patrols, with a point, under `areaPath`: shown on the track. */
  async visitsOnPatrols(db: Executor, patrolIds: string[], areaPath: string) {
    if (patrolIds.length === 0) return [];
    return db
      .select({
        patrolId: visits.patrolId,
        at: visits.visitedAt,
        lon: visits.lon,
        lat: visits.lat,
        address: visits.address,
      })
      .from(visits)
      .where(
        and(inArray(visits.patrolId, patrolIds), withinScope(visits.path, areaPath), sql`${visits.lon} IS NOT NULL`),
      )
      .orderBy(asc(visits.visitedAt));
  },

  // ── retention ─────────────────────────────────────────────────────────────────────

  /** Patrols last active before `cutoff` (oldest first), locked and skipped by a concurrent sweep. */
  async lockExpired(db: Executor, cutoff: Date, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: patrols.id })
      .from(patrols)
      .where(lte(lastActivity, cutoff))
      .orderBy(asc(lastActivity))
      .limit(limit)
      .for('update', { skipLocked: true });
    return rows.map((r) => r.id);
  },

  /** Deletes the patrols and (cascade) their tracks; visits on them keep their record, without the link. */
  async deletePatrols(db: Executor, ids: string[]): Promise<{ patrols: number; points: number }> {
    if (ids.length === 0) return { patrols: 0, points: 0 };
    const [counted] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(patrolPoints)
      .where(inArray(patrolPoints.patrolId, ids));
    const deleted = await db.delete(patrols).where(inArray(patrols.id, ids)).returning({ id: patrols.id });
    return { patrols: deleted.length, points: counted?.n ?? 0 };
  },
};
