import type { LocalizedText } from '@yiwang/contracts';
import type { CaseFacts, ReportFact } from '../case-facts.js';
import type { GridTeam } from '../fair-score.js';
import type { IndicatorWindow } from '../indicators.js';
import { isWithin } from '../periods.js';
import { chapman } from './chapman.js';
import { fitPoissonGlm, poissonCdf } from './poisson.js';

/**
 * Detection of hidden and padded reporting (issue 12 item 4; docs/assessment-indicators.md,
 * "Flags"). Each detector is a pure function of the period's case facts and what is known of
 * the grids, and answers flags that say in words what was measured, with the cases behind them.
 * No detector reads anything but what the platform records (no label of who games).
 */

export type FlagKind =
  | 'hidden-hard'
  | 'low-share'
  | 'padding-burst'
  | 'department-delay'
  | 'inspection-gap'
  | 'rubber-stamp';
export type FlagSubjectKind = 'grid' | 'worker' | 'unit' | 'inspector';

export interface Flag {
  readonly kind: FlagKind;
  readonly subjectKind: FlagSubjectKind;
  /** Grid code, user id or unit id. */
  readonly subject: string;
  /** The grid the flag points at (for a worker: the grid of most of the cases behind it). */
  readonly gridCode: string | null;
  readonly evidence: LocalizedText;
  /** The measured numbers, by name. */
  readonly numbers: Readonly<Record<string, number>>;
  readonly caseCodes: readonly string[];
}

/** Thresholds (named so the doc and the simulation can print them). */
export const DETECTION = {
  /** Matters of difficulty ≥ this are hard, ≤ EASY_MAX easy. */
  HARD_MIN: 4,
  EASY_MAX: 2,
  /** Expected vs observed: hard reports this unlikely low (Poisson lower tail) … */
  HIDDEN_TAIL: 0.01,
  /** … while easy reports are at least this share of the expected. */
  EASY_AT_LEAST: 0.8,
  /** The model needs this many grids to be fitted. */
  MIN_GRIDS: 8,
  /** Capture–recapture: the team's share of the estimated hard problems below this … */
  LOW_SHARE: 0.3,
  /** … with at least this many hard problems found by others. */
  LOW_SHARE_MIN_OTHERS: 2,
  /** A burst: this many easy reports by one worker … */
  BURST_SIZE: 6,
  /** … within this time … */
  BURST_HOURS: 2,
  /** … and this distance of the first. */
  BURST_METERS: 300,
  /** Department delay: overdue share this unlikely high under the peers' share (binomial upper tail) … */
  DELAY_TAIL: 0.001,
  /** … at least twice the peers' and this many cases due. */
  DELAY_MIN_DUE: 5,
} as const;

export interface GridCovariates {
  readonly gridCode: string;
  readonly households: number;
  readonly people: number;
  readonly areaSquareMeters: number;
}

export interface Place {
  readonly lon: number;
  readonly lat: number;
}

/** An inspection finding (the latest of its pair) on a grid target. */
export interface FindingFact {
  readonly gridCode: string;
  readonly inspectorUserId: string;
  readonly found: number;
  readonly reported: number;
  readonly caseCodes: readonly string[];
}

const fmt = (n: number, digits = 1) => (Math.round(n * 10 ** digits) / 10 ** digits).toFixed(digits);
const pct = (n: number) => `${fmt(n * 100)}%`;
const prob = (p: number) => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

function isOwn(team: GridTeam | undefined, r: ReportFact): boolean {
  if (team === undefined) return r.channel === 'worker';
  return r.reporterUserId !== null && team.members.has(r.reporterUserId);
}

const firstReport = (f: CaseFacts): ReportFact => ({
  at: f.reportedAt,
  channel: f.channel,
  reporterUserId: f.reporterUserId,
});

export type Difficulty = 'easy' | 'medium' | 'hard';
export function difficultyClass(f: CaseFacts): Difficulty {
  const d = f.matter?.difficulty ?? 1;
  return d >= DETECTION.HARD_MIN ? 'hard' : d <= DETECTION.EASY_MAX ? 'easy' : 'medium';
}

/** One problem of a grid reported in the window: who saw it. */
export interface GridProblem {
  readonly facts: CaseFacts;
  readonly difficulty: Difficulty;
  readonly team: boolean;
  readonly others: boolean;
}

/**
 * The period's problems of each grid: valid cases first reported in the window (a case voided as
 * a duplicate is folded into the case it duplicates, its reporters with it; a false report is no
 * problem), each with whether the grid's team and whether anyone else reported it.
 */
export function gridProblems(
  facts: readonly CaseFacts[],
  teams: ReadonlyMap<string, GridTeam>,
  w: IndicatorWindow,
): Map<string, GridProblem[]> {
  const happened = (at: Date | null) => at !== null && at.getTime() <= w.asOf.getTime();
  const extraReports = new Map<string, ReportFact[]>();
  for (const f of facts) {
    if (f.duplicateOfCaseId === null || !happened(f.voidedDuplicateAt)) continue;
    const list = extraReports.get(f.duplicateOfCaseId) ?? [];
    list.push(...(f.reports.length > 0 ? f.reports : [firstReport(f)]));
    extraReports.set(f.duplicateOfCaseId, list);
  }
  const byGrid = new Map<string, GridProblem[]>();
  for (const f of facts) {
    if (f.gridCode === null || !isWithin(f.reportedAt, w) || f.reportedAt.getTime() > w.asOf.getTime()) continue;
    if (happened(f.voidedInvalidAt) || happened(f.voidedDuplicateAt)) continue;
    const team = teams.get(f.gridCode);
    const own = f.reports.length > 0 ? f.reports : [firstReport(f)];
    const reports = [...own, ...(extraReports.get(f.caseId) ?? [])].filter((r) => r.at.getTime() <= w.asOf.getTime());
    const problem: GridProblem = {
      facts: f,
      difficulty: difficultyClass(f),
      team: reports.some((r) => isOwn(team, r)),
      others: reports.some((r) => !isOwn(team, r)),
    };
    const list = byGrid.get(f.gridCode);
    if (list) list.push(problem);
    else byGrid.set(f.gridCode, [problem]);
  }
  return byGrid;
}

/**
 * Expected vs observed: a Poisson regression per class (hard, easy) of the team's reports on
 * the grid's covariates — log households, log people, log area, log of the problems others
 * reported there — over every grid in scope; a grid whose hard reports are improbably few
 * (lower tail < HIDDEN_TAIL) while its easy ones are at or near the expected is flagged, with
 * the hard matters others found there that the team never reported as its cases.
 */
export function detectHiddenHard(
  problems: ReadonlyMap<string, readonly GridProblem[]>,
  covariates: readonly GridCovariates[],
): Flag[] {
  if (covariates.length < DETECTION.MIN_GRIDS) return [];
  const rows = covariates.map((g) => {
    const list = problems.get(g.gridCode) ?? [];
    const count = (d: Difficulty) => list.filter((p) => p.team && p.difficulty === d).length;
    return {
      g,
      list,
      x: [
        1,
        Math.log1p(g.households),
        Math.log1p(g.people),
        Math.log(g.areaSquareMeters / 1e6 + 0.01),
        Math.log1p(list.filter((p) => p.others).length),
      ],
      hard: count('hard'),
      easy: count('easy'),
    };
  });
  const x = rows.map((r) => r.x);
  const hardFit = fitPoissonGlm(
    x,
    rows.map((r) => r.hard),
    { ridge: 0.01 },
  );
  const easyFit = fitPoissonGlm(
    x,
    rows.map((r) => r.easy),
    { ridge: 0.01 },
  );
  const flags: Flag[] = [];
  rows.forEach((r, i) => {
    const expectedHard = hardFit.fitted[i] ?? 0;
    const expectedEasy = easyFit.fitted[i] ?? 0;
    const tail = poissonCdf(r.hard, expectedHard);
    if (tail >= DETECTION.HIDDEN_TAIL || r.easy < DETECTION.EASY_AT_LEAST * expectedEasy) return;
    const hiddenCases = r.list.filter((p) => p.difficulty === 'hard' && !p.team).map((p) => p.facts.code);
    flags.push({
      kind: 'hidden-hard',
      subjectKind: 'grid',
      subject: r.g.gridCode,
      gridCode: r.g.gridCode,
      evidence: {
        'zh-CN': `难事（难度≥${DETECTION.HARD_MIN}）网格上报 ${r.hard} 件，按户数 ${r.g.households}、人口 ${r.g.people}、面积与他人来件预期 ${fmt(expectedHard)} 件（泊松下尾概率 ${prob(tail)}）；易事上报 ${r.easy} 件，预期 ${fmt(expectedEasy)} 件；他人发现而本网格未报的难事 ${hiddenCases.length} 件`,
        'en-US': `Hard matters (difficulty ≥ ${DETECTION.HARD_MIN}) reported by the grid: ${r.hard}, expected ${fmt(expectedHard)} from its ${r.g.households} households, ${r.g.people} people, area and others' reports (Poisson lower tail ${prob(tail)}); easy ones: ${r.easy}, expected ${fmt(expectedEasy)}; hard matters others found there that the grid never reported: ${hiddenCases.length}`,
      },
      numbers: { hard: r.hard, expectedHard, tail, easy: r.easy, expectedEasy, hidden: hiddenCases.length },
      caseCodes: hiddenCases,
    });
  });
  return flags;
}

/**
 * Independent channels: per grid, Chapman's estimate of the true number of hard problems from
 * the team's reports and others' (residents, 12345, the desk), and the team's share of it; a
 * share below LOW_SHARE with at least LOW_SHARE_MIN_OTHERS found by others is flagged.
 */
export function detectLowShare(problems: ReadonlyMap<string, readonly GridProblem[]>): Flag[] {
  const flags: Flag[] = [];
  for (const [gridCode, list] of problems) {
    const hard = list.filter((p) => p.difficulty === 'hard');
    const team = hard.filter((p) => p.team).length;
    const others = hard.filter((p) => p.others).length;
    const both = hard.filter((p) => p.team && p.others).length;
    const e = chapman(team, others, both);
    if (others < DETECTION.LOW_SHARE_MIN_OTHERS || e.teamShare === null || e.teamShare >= DETECTION.LOW_SHARE) continue;
    const missed = hard.filter((p) => !p.team).map((p) => p.facts.code);
    flags.push({
      kind: 'low-share',
      subjectKind: 'grid',
      subject: gridCode,
      gridCode,
      evidence: {
        'zh-CN': `难事：网格上报 ${team} 件，居民/12345 等他人上报 ${others} 件，两者都报 ${both} 件；Chapman 估计真实数 ${fmt(e.estimate)} 件，网格发现比例 ${pct(e.teamShare)}（低于 ${pct(DETECTION.LOW_SHARE)}）`,
        'en-US': `Hard matters: ${team} reported by the grid, ${others} by others (residents, 12345), ${both} by both; Chapman estimate of the true count ${fmt(e.estimate)}, the grid's share ${pct(e.teamShare)} (below ${pct(DETECTION.LOW_SHARE)})`,
      },
      numbers: { team, others, both, estimate: e.estimate, share: e.teamShare },
      caseCodes: missed,
    });
  }
  return flags;
}

/** Metres between two WGS84 points (equirectangular: bursts are a few hundred metres). */
export function metersBetween(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

/**
 * Padding: a grid worker's easy reports in bursts — at least BURST_SIZE within BURST_HOURS
 * and BURST_METERS of the burst's first report. Scanned in time order; a report belongs to
 * one burst at most.
 */
export function detectPaddingBursts(
  facts: readonly CaseFacts[],
  places: ReadonlyMap<string, Place>,
  w: IndicatorWindow,
): Flag[] {
  const byWorker = new Map<string, CaseFacts[]>();
  for (const f of facts) {
    if (f.channel !== 'worker' || f.reporterUserId === null || difficultyClass(f) !== 'easy') continue;
    if (!isWithin(f.reportedAt, w) || !places.has(f.caseId)) continue;
    const list = byWorker.get(f.reporterUserId) ?? [];
    list.push(f);
    byWorker.set(f.reporterUserId, list);
  }
  const flags: Flag[] = [];
  const windowMs = DETECTION.BURST_HOURS * 3_600_000;
  for (const [worker, list] of byWorker) {
    list.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
    const used = new Set<string>();
    const bursts: CaseFacts[][] = [];
    for (let i = 0; i < list.length; i++) {
      const first = list[i] as CaseFacts;
      if (used.has(first.caseId)) continue;
      const origin = places.get(first.caseId) as Place;
      const burst = [first];
      for (let j = i + 1; j < list.length; j++) {
        const next = list[j] as CaseFacts;
        if (next.reportedAt.getTime() - first.reportedAt.getTime() > windowMs) break;
        if (used.has(next.caseId)) continue;
        if (metersBetween(origin, places.get(next.caseId) as Place) <= DETECTION.BURST_METERS) burst.push(next);
      }
      if (burst.length >= DETECTION.BURST_SIZE) {
        for (const f of burst) used.add(f.caseId);
        bursts.push(burst);
      }
    }
    if (bursts.length === 0) continue;
    const cases = bursts.flat();
    const gridCounts = new Map<string, number>();
    for (const f of cases) if (f.gridCode) gridCounts.set(f.gridCode, (gridCounts.get(f.gridCode) ?? 0) + 1);
    const gridCode = [...gridCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const largest = Math.max(...bursts.map((b) => b.length));
    flags.push({
      kind: 'padding-burst',
      subjectKind: 'worker',
      subject: worker,
      gridCode,
      evidence: {
        'zh-CN': `${bursts.length} 次集中上报易事：${DETECTION.BURST_HOURS} 小时内、${DETECTION.BURST_METERS} 米内连报 ${DETECTION.BURST_SIZE} 件以上（最多一次 ${largest} 件），共 ${cases.length} 件，占其易事上报 ${pct(cases.length / list.length)}`,
        'en-US': `${bursts.length} burst(s) of easy reports: ${DETECTION.BURST_SIZE} or more within ${DETECTION.BURST_HOURS} h and ${DETECTION.BURST_METERS} m (largest ${largest}), ${cases.length} in all, ${pct(cases.length / list.length)} of their easy reports`,
      },
      numbers: { bursts: bursts.length, largest, cases: cases.length, easyReports: list.length },
      caseCodes: cases.map((f) => f.code),
    });
  }
  return flags;
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed in logs. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logChoose = 0;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log((n - i + 1) / i);
    if (i >= k) sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return Math.min(1, sum);
}

/**
 * Department delay: per department, the cases due in the window (not officially deferred)
 * handled late or not at all by asOf, against the pooled share of its peers; a share at least
 * twice the peers' and improbably high under it (binomial upper tail < DELAY_TAIL) is flagged,
 * with its returns and failed verifications beside it.
 */
export function detectDepartmentDelay(
  facts: readonly CaseFacts[],
  departmentIds: ReadonlySet<string>,
  w: IndicatorWindow,
): Flag[] {
  const asOf = w.asOf.getTime();
  const due = new Map<string, { due: CaseFacts[]; late: CaseFacts[]; returns: number; rework: number }>();
  for (const f of facts) {
    if (f.unitId === null || !departmentIds.has(f.unitId)) continue;
    if (f.dueAt === null || !isWithin(f.dueAt, w) || f.dueAt.getTime() > asOf || f.heldSince !== null) continue;
    if (f.voidedInvalidAt !== null || f.voidedDuplicateAt !== null) continue;
    const entry = due.get(f.unitId) ?? { due: [], late: [], returns: 0, rework: 0 };
    entry.due.push(f);
    const feedback = f.firstFeedbackAt;
    if (feedback === null || feedback.getTime() > f.dueAt.getTime()) entry.late.push(f);
    entry.returns += f.returns.length;
    entry.rework += f.verifications.filter((v) => !v.passed).length;
    due.set(f.unitId, entry);
  }
  const totalDue = [...due.values()].reduce((s, e) => s + e.due.length, 0);
  const totalLate = [...due.values()].reduce((s, e) => s + e.late.length, 0);
  const flags: Flag[] = [];
  for (const [unitId, e] of due) {
    const n = e.due.length;
    const k = e.late.length;
    const peerDue = totalDue - n;
    if (n < DETECTION.DELAY_MIN_DUE || peerDue === 0) continue;
    // Peers' share, with one late case of allowance so that spotless peers do not make every slip improbable.
    const peers = (totalLate - k + 1) / (peerDue + 1);
    const share = k / n;
    const tail = binomialUpperTail(k, n, peers);
    if (share < 2 * peers || tail >= DETECTION.DELAY_TAIL) continue;
    flags.push({
      kind: 'department-delay',
      subjectKind: 'unit',
      subject: unitId,
      gridCode: null,
      evidence: {
        'zh-CN': `到期 ${n} 件中超期或未处置 ${k} 件（${pct(share)}），同级部门 ${pct(peers)}（二项上尾概率 ${prob(tail)}）；退回 ${e.returns} 次，返工 ${e.rework} 次`,
        'en-US': `${k} of ${n} cases due were handled late or not at all (${pct(share)}), peers ${pct(peers)} (binomial upper tail ${prob(tail)}); ${e.returns} return(s), ${e.rework} rework(s)`,
      },
      numbers: { due: n, late: k, share, peers, tail, returns: e.returns, rework: e.rework },
      caseCodes: e.late.map((f) => f.code),
    });
  }
  return flags;
}

/**
 * Random-inspection findings as ground truth: a grid where an inspector found more problems
 * than had been reported is flagged with the cases the inspector named; an inspector whose every
 * finding (at least two) says "all reported" on grids the independent detectors flagged for
 * hiding is flagged as rubber-stamping.
 */
export function detectFromFindings(findings: readonly FindingFact[], hidingFlags: readonly Flag[]): Flag[] {
  const flags: Flag[] = [];
  for (const f of findings) {
    if (f.found <= f.reported) continue;
    flags.push({
      kind: 'inspection-gap',
      subjectKind: 'grid',
      subject: f.gridCode,
      gridCode: f.gridCode,
      evidence: {
        'zh-CN': `随机检查现场发现 ${f.found} 个问题，此前已上报 ${f.reported} 个，未报 ${f.found - f.reported} 个`,
        'en-US': `A random inspection found ${f.found} problem(s) on site, of which ${f.reported} had been reported (${f.found - f.reported} not)`,
      },
      numbers: { found: f.found, reported: f.reported },
      caseCodes: f.caseCodes,
    });
  }
  const hidingGrids = new Map<string, Flag>();
  for (const flag of hidingFlags) {
    if ((flag.kind === 'hidden-hard' || flag.kind === 'low-share') && flag.gridCode)
      hidingGrids.set(flag.gridCode, flag);
  }
  const byInspector = new Map<string, FindingFact[]>();
  for (const f of findings) byInspector.set(f.inspectorUserId, [...(byInspector.get(f.inspectorUserId) ?? []), f]);
  for (const [inspector, list] of byInspector) {
    if (list.length < 2 || list.some((f) => f.found > f.reported)) continue;
    const contradicted = list.filter((f) => hidingGrids.has(f.gridCode));
    if (contradicted.length * 2 < list.length || contradicted.length === 0) continue;
    flags.push({
      kind: 'rubber-stamp',
      subjectKind: 'inspector',
      subject: inspector,
      gridCode: contradicted[0]?.gridCode ?? null,
      evidence: {
        'zh-CN': `${list.length} 次检查均记录“全部已上报”，其中 ${contradicted.length} 个网格的独立渠道显示难事被隐瞒`,
        'en-US': `All ${list.length} inspections recorded "everything reported", yet independent channels show hidden hard matters in ${contradicted.length} of those grids`,
      },
      numbers: { inspections: list.length, contradicted: contradicted.length },
      caseCodes: contradicted.flatMap((f) => hidingGrids.get(f.gridCode)?.caseCodes ?? []),
    });
  }
  return flags;
}

export interface DetectionInput {
  readonly facts: readonly CaseFacts[];
  readonly window: IndicatorWindow;
  readonly teams: ReadonlyMap<string, GridTeam>;
  readonly grids: readonly GridCovariates[];
  readonly places: ReadonlyMap<string, Place>;
  readonly departmentIds: ReadonlySet<string>;
  readonly findings: readonly FindingFact[];
}

/** Every detector over one period; flags of one kind together, strongest evidence first where it has a number. */
export function detectFlags(input: DetectionInput): Flag[] {
  const problems = gridProblems(input.facts, input.teams, input.window);
  const hiding = [...detectHiddenHard(problems, input.grids), ...detectLowShare(problems)];
  return [
    ...hiding,
    ...detectPaddingBursts(input.facts, input.places, input.window),
    ...detectDepartmentDelay(input.facts, input.departmentIds, input.window),
    ...detectFromFindings(input.findings, hiding),
  ];
}
