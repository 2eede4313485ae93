import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { routingRules } from './cases.tables.js';
import type { RoutingRuleRow } from './routing-rules.repository.js';

/** The 六定 rules in force (grid posts and units are looked up through staffing's and units' faces). */
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
};
