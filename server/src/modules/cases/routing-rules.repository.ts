import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { routingRules } from './cases.tables.js';

export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type NewRoutingRuleRow = typeof routingRules.$inferInsert;

/** Arbitrary constant: the advisory lock that serializes changes to the order of the rules. */
const ROUTING_RULES_LOCK = 727_106;

/** Editing the dispatch rules (派单目录): one editor at a time, since every change may renumber the order. */
export const routingRulesRepository = {
  async lock(db: Executor): Promise<void> {
    await db.execute(sql`SELECT pg_advisory_xact_lock(${ROUTING_RULES_LOCK})`);
  },

  async active(db: Executor): Promise<RoutingRuleRow[]> {
    return db
      .select()
      .from(routingRules)
      .where(eq(routingRules.active, true))
      .orderBy(asc(routingRules.position), asc(routingRules.code));
  },

  async findActive(db: Executor, code: string): Promise<RoutingRuleRow | undefined> {
    const [row] = await db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.code, code), eq(routingRules.active, true)));
    return row;
  },

  /** The number after the highest rule code ever used (R0001…): codes are never reused. */
  async nextCodeNumber(db: Executor): Promise<number> {
    const [row] = await queryRows<{ n: number | null }>(
      db,
      sql`SELECT max(substring(code from 2)::int) AS n FROM ${routingRules} WHERE code ~ '^R[0-9]+$'`,
    );
    return Number(row?.n ?? 0) + 1;
  },

  async insert(db: Executor, row: NewRoutingRuleRow): Promise<RoutingRuleRow> {
    const [saved] = await db.insert(routingRules).values(row).returning();
    if (!saved) throw new Error('insert returned no row');
    return saved;
  },

  async update(db: Executor, id: string, patch: Partial<NewRoutingRuleRow>): Promise<void> {
    await db.update(routingRules).set(patch).where(eq(routingRules.id, id));
  },

  /** A removed rule stays as a row (its code is never given again), out of the order. */
  async deactivate(db: Executor, id: string): Promise<void> {
    await db.update(routingRules).set({ active: false }).where(eq(routingRules.id, id));
  },

  /** Positions 10, 20, 30… in the given order, in one statement. */
  async renumber(db: Executor, orderedIds: readonly string[]): Promise<void> {
    if (orderedIds.length === 0) return;
    await db.execute(sql`
      UPDATE ${routingRules} SET position = o.position
      FROM unnest(
        ARRAY[${sql.join(
          orderedIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[],
        ARRAY[${sql.join(
          orderedIds.map((_, i) => sql`${(i + 1) * 10}`),
          sql`, `,
        )}]::int[]
      ) AS o(id, position)
      WHERE ${routingRules.id} = o.id`);
  },

  async byIds(db: Executor, ids: readonly string[]): Promise<RoutingRuleRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(routingRules)
      .where(inArray(routingRules.id, [...ids]));
  },
};
