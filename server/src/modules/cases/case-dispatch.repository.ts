import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { gridPosts } from '../staffing/staffing.tables.js';
import { units } from '../units/units.tables.js';
import { routingRules } from './cases.tables.js';
import type { RoutingRuleRow } from './routing-rules.repository.js';

/** What placing and dispatching a case looks up: the 六定 rules in force, grid posts, units. */
export const caseDispatchRepository = {
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
};
