import type { MyScores, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { computeFairScores } from './compute-fair-scores.js';
import { computeScores } from './compute-scores.js';

/**
 * A grid worker's own scores for a period: their line-by-line score under the rules in force
 * and their difficulty-weighted fair score with its lines, each down to the cases — what they
 * were measured on and why, and nothing of anyone else.
 */
export async function myScores(
  db: Executor,
  actor: Actor,
  options: { period: PeriodKind; day?: string | undefined; now: Date },
): Promise<MyScores> {
  const scores = await computeScores(db, actor, { level: 'worker', ...options });
  const fair = await computeFairScores(db, actor, { level: 'worker', ...options });
  return {
    period: scores.period,
    version: scores.version,
    score: scores.rows.find((r) => r.key === actor.id) ?? null,
    fair: fair.rows.find((r) => r.key === actor.id) ?? null,
  };
}
