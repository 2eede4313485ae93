import type { ScoreTable } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { scoreOf } from '../domain/scoring.js';
import { type ComputeIndicatorsOptions, unitsOfLevel } from './compute-indicators.js';
import { scoringRulesOf } from './scoring-rules.js';

/**
 * The score of every unit of `level` in the caller's scope for the period, under the rules
 * in force (or of `version`), each explained line by line down to its cases; best first.
 */
export async function computeScores(
  db: Executor,
  actor: Actor,
  options: ComputeIndicatorsOptions & { version?: number | undefined },
): Promise<ScoreTable> {
  const rules = await scoringRulesOf(db, actor, options.version);
  const { period, window, units } = await unitsOfLevel(db, actor, options);
  const rows = units
    .map((u) => ({ key: u.key, name: u.name, ...scoreOf(rules, u.facts, window) }))
    .map(({ key, name, total, lines }) => ({
      key,
      name,
      total,
      lines: lines.map((l) => ({ ...l, cases: [...l.cases] })),
    }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  return { level: options.level, period, version: rules.version, rows };
}
