import type { FairScoreTable, PeriodKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { staffingLookups } from '../../staffing/index.js';
import { assessmentRepository } from '../assessment.repository.js';
import { fairScoresOf, type GridTeam, ranksOf } from '../domain/fair-score.js';
import { isCalendarDay, periodContaining } from '../domain/periods.js';
import { readCaseFacts, windowOf } from './read-case-facts.js';

/** The teams of the grids in scope: every post's holder and backup, and who holds the grid-worker post. */
async function gridTeamsInScope(db: Executor, scopePath: string): Promise<Map<string, GridTeam>> {
  const posts = await staffingLookups.postsInScope(db, scopePath);
  const teams = new Map<string, { members: Set<string>; workers: string[] }>();
  for (const { post } of posts) {
    const team = teams.get(post.gridCode) ?? { members: new Set<string>(), workers: [] };
    team.members.add(post.holderUserId).add(post.backupUserId);
    if (post.role === 'grid_worker') team.workers.push(post.holderUserId);
    teams.set(post.gridCode, team);
  }
  return teams;
}

/**
 * The difficulty-weighted fair score of every grid or grid worker in the caller's scope for the
 * period holding `day`, each explained line by line down to its cases, with the rank a plain
 * count of reports gives beside the fair rank; best fair score first.
 */
export async function computeFairScores(
  db: Executor,
  actor: Actor,
  options: { level: 'grid' | 'worker'; period: PeriodKind; day?: string | undefined; now: Date },
): Promise<FairScoreTable> {
  const { level, now } = options;
  const firstDay = options.day ?? new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (!isCalendarDay(firstDay)) {
    throw new DomainError('validation', {}, [{ field: 'from', code: 'format', params: { format: 'YYYY-MM-DD' } }]);
  }
  const period = periodContaining(options.period, firstDay);
  const window = windowOf(period, now);
  const facts = await readCaseFacts(db, actor.scopePath, window);
  const teams = await gridTeamsInScope(db, actor.scopePath);
  const scores = fairScoresOf(facts, window, teams, level);
  const keys = scores.map((s) => s.key);
  const names =
    level === 'grid' ? await assessmentRepository.gridNames(db, keys) : await assessmentRepository.userNames(db, keys);
  const countRanks = ranksOf(scores.map((s) => s.plainCount));
  const fairRanks = ranksOf(scores.map((s) => s.total));
  const rows = scores
    .map((s, i) => ({
      key: s.key,
      name: names.get(s.key) ?? s.key,
      plainCount: s.plainCount,
      countRank: countRanks[i] ?? 0,
      total: s.total,
      fairRank: fairRanks[i] ?? 0,
      lines: s.lines.map((l) => ({ ...l, cases: l.cases.map((c) => ({ ...c })) })),
    }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    level,
    period: {
      kind: options.period,
      firstDay: period.firstDay,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      asOf: window.asOf.toISOString(),
    },
    rows,
  };
}
