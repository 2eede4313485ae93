import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import { decisions } from './consultation.tables.js';

export type DecisionRow = typeof decisions.$inferSelect;

/**
 * A decision (决议) by id, only when it lies in `scopePath` (out of scope: undefined, answered
 * like an unknown id). Other modules (the community fund) tie their records to a decision with it.
 */
export async function findDecision(db: Executor, id: string, scopePath: string): Promise<DecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.id, id), withinScope(decisions.path, scopePath)));
  return row;
}

/** The consultation module's reads of decisions other modules may make (only it writes them). */
export const decisionsLookups = {
  findDecision,
  /** Decisions of a community or any area in scope, latest first. */
  async listInScope(db: Executor, scopePath: string, limit = 500): Promise<DecisionRow[]> {
    return db
      .select()
      .from(decisions)
      .where(withinScope(decisions.path, scopePath))
      .orderBy(desc(decisions.decidedAt))
      .limit(limit);
  },
};
