import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { users } from '../accounts/accounts.tables.js';
import { visitPlans, visits } from './visits.tables.js';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisitRow = typeof visits.$inferInsert;
export type VisitPlanRow = typeof visitPlans.$inferSelect;
export type NewVisitPlanRow = typeof visitPlans.$inferInsert;

export interface VisitFilter {
  /** Only this worker's visits. */
  userId?: string | undefined;
  /** Under this grid or region path. */
  areaPath?: string | undefined;
  gridCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const MAX_LIST = 500;

export const visitsRepository = {
  async insertVisit(db: Executor, row: NewVisitRow): Promise<VisitRow> {
    const [saved] = await db.insert(visits).values(row).returning();
    if (!saved) throw new Error('visit insert returned no row');
    return saved;
  },

  /** Visits with their worker's name, latest first (at most 500). */
  async listVisits(db: Executor, filter: VisitFilter) {
    const conditions: SQL[] = [];
    if (filter.userId) conditions.push(eq(visits.userId, filter.userId));
    if (filter.areaPath) conditions.push(withinScope(visits.path, filter.areaPath));
    if (filter.gridCode) conditions.push(eq(visits.gridCode, filter.gridCode));
    if (filter.from) conditions.push(gte(visits.visitedAt, filter.from));
    if (filter.to) conditions.push(lt(visits.visitedAt, filter.to));
    return db
      .select({ visit: visits, displayName: users.displayName })
      .from(visits)
      .innerJoin(users, eq(users.id, visits.userId))
      .where(and(...conditions))
      .orderBy(desc(visits.visitedAt))
      .limit(MAX_LIST);
  },

  async insertPlan(db: Executor, row: NewVisitPlanRow): Promise<VisitPlanRow> {
    const [saved] = await db.insert(visitPlans).values(row).returning();
    if (!saved) throw new Error('visit plan insert returned no row');
    return saved;
  },

  /** A plan within scope, locked until the caller's transaction ends (one visit closes it). */
  async lockPlanInScope(db: Executor, id: string, scopePath: string): Promise<VisitPlanRow | undefined> {
    const [row] = await db
      .select()
      .from(visitPlans)
      .where(and(eq(visitPlans.id, id), withinScope(visitPlans.path, scopePath)))
      .for('update');
    return row;
  },

  async closePlan(db: Executor, id: string, visit: { visitId: string; doneAt: Date }): Promise<void> {
    await db.update(visitPlans).set(visit).where(eq(visitPlans.id, id));
  },

  /** Plans under `areaPath` (or of these grids), soonest due first; only open ones when asked. */
  async listPlans(
    db: Executor,
    filter: { areaPath: string; gridCodes?: string[] | undefined; open?: boolean | undefined; limit?: number },
  ): Promise<VisitPlanRow[]> {
    const conditions: SQL[] = [withinScope(visitPlans.path, filter.areaPath)];
    if (filter.open) conditions.push(isNull(visitPlans.visitId));
    if (filter.gridCodes) {
      if (filter.gridCodes.length === 0) return [];
      conditions.push(inArray(visitPlans.gridCode, filter.gridCodes));
    }
    return db
      .select()
      .from(visitPlans)
      .where(and(...conditions))
      .orderBy(asc(visitPlans.dueOn), asc(visitPlans.createdAt))
      .limit(filter.limit ?? MAX_LIST);
  },
};
