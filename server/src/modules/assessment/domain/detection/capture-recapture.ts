import type { DetectionCase, Flag } from './detection-case.js';
import { classOf, round } from './detection-case.js';

/** Chapman's estimate of the true count from two independent lists: N = (n1+1)(n2+1)/(m+1) − 1. */
export const chapman = (n1: number, n2: number, m: number): number => ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;

export interface ChannelShare {
  readonly gridCode: string;
  /** Problems the grid's workers reported. */
  readonly n1: number;
  /** Problems residents or 12345 reported. */
  readonly n2: number;
  /** Problems both reported (one case with reports from both, or linked as duplicates). */
  readonly m: number;
  readonly estimate: number;
  /** n1 / estimate: the grid team's share of the estimated true count. */
  readonly share: number;
  /** Problems only residents or 12345 reported: what the grid missed. */
  readonly missed: readonly DetectionCase[];
}

const INDEPENDENT = new Set(['resident', 'hotline', 'open311']);

/**
 * Per grid, the grid team's share of the true count of problems estimated from two
 * channels: grid workers vs residents and 12345. A problem is a case with the cases voided as
 * its duplicates (and the reports merged into it), so the same problem seen twice counts once.
 */
export function channelShares(
  cases: readonly DetectionCase[],
  window: { from: Date; to: Date },
  only?: 'hard' | 'easy',
): ChannelShare[] {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const rootOf = (c: DetectionCase): DetectionCase => {
    let current = c;
    for (let hops = 0; hops < 10 && current.duplicateOfCaseId; hops++) {
      const next = byId.get(current.duplicateOfCaseId);
      if (!next) break;
      current = next;
    }
    return current;
  };
  const problems = new Map<string, { root: DetectionCase; worker: boolean; independent: boolean }>();
  for (const c of cases) {
    if (
      c.voidedInvalid ||
      c.reportedAt.getTime() < window.from.getTime() ||
      c.reportedAt.getTime() >= window.to.getTime()
    )
      continue;
    const root = rootOf(c);
    if (only && classOf(root.difficulty) !== only) continue;
    const p = problems.get(root.caseId) ?? { root, worker: false, independent: false };
    for (const channel of c.reportChannels) {
      if (channel === 'worker') p.worker = true;
      if (INDEPENDENT.has(channel)) p.independent = true;
    }
    problems.set(root.caseId, p);
  }
  const byGrid = new Map<string, { n1: number; n2: number; m: number; missed: DetectionCase[] }>();
  for (const p of problems.values()) {
    if (p.root.gridCode === null) continue;
    const g = byGrid.get(p.root.gridCode) ?? { n1: 0, n2: 0, m: 0, missed: [] };
    if (p.worker) g.n1 += 1;
    if (p.independent) g.n2 += 1;
    if (p.worker && p.independent) g.m += 1;
    if (p.independent && !p.worker) g.missed.push(p.root);
    byGrid.set(p.root.gridCode, g);
  }
  return [...byGrid].map(([gridCode, g]) => {
    const estimate = chapman(g.n1, g.n2, g.m);
    return { gridCode, ...g, estimate, share: estimate > 0 ? g.n1 / estimate : 1 };
  });
}

/** A share below this, on enough independent reports, flags the grid. */
export const LOW_SHARE = 0.5;
export const MIN_INDEPENDENT = 3;

/** For hard matters alone, this many independent reports suffice: they are few, and what is hidden. */
export const MIN_INDEPENDENT_HARD = 2;

/**
 * Flags a grid whose team found less than half of the estimated true count, over all problems
 * or over hard matters alone (a grid that reports every easy matter but no hard one has a fine
 * overall share and none of the hard ones).
 */
export function detectLowShare(cases: readonly DetectionCase[], window: { from: Date; to: Date }): Flag[] {
  const flags: Flag[] = [];
  const flagged = new Set<string>();
  for (const only of ['hard', undefined] as const) {
    for (const s of channelShares(cases, window, only)) {
      if (flagged.has(s.gridCode)) continue;
      if (s.n2 < (only ? MIN_INDEPENDENT_HARD : MIN_INDEPENDENT) || s.share >= LOW_SHARE) continue;
      flagged.add(s.gridCode);
      const what = only
        ? { zh: '难办事项（难度 4–5）', en: 'hard matters (difficulty 4–5)' }
        : { zh: '问题', en: 'problems' };
      flags.push({
        kind: 'low-share',
        level: 'grid',
        key: s.gridCode,
        gridCode: s.gridCode,
        measure: s.share,
        explanation: {
          'zh-CN': `${what.zh}：网格员上报 ${s.n1} 件，居民和 12345 反映 ${s.n2} 件，其中两边都报的 ${s.m} 件；按捕获—再捕获（Chapman）估计实际约 ${round(s.estimate, 1)} 件，网格员只发现了 ${Math.round(s.share * 100)}%（低于 ${LOW_SHARE * 100}%）。下列是只有居民或 12345 反映的。`,
          'en-US': `${only ? 'Hard matters (difficulty 4–5)' : 'Problems'}: grid workers reported ${s.n1}, residents and 12345 ${s.n2}, ${s.m} of them by both; the capture–recapture (Chapman) estimate of the true count is about ${round(s.estimate, 1)}, of which the grid workers found only ${Math.round(s.share * 100)}% (below ${LOW_SHARE * 100}%). Listed: the ${what.en} only residents or 12345 reported.`,
        },
        caseIds: s.missed.map((c) => c.caseId),
        caseCodes: s.missed.map((c) => c.code),
      });
    }
  }
  return flags;
}
