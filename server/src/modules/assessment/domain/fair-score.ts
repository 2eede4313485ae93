import {
  type FAIR_SCORE_LINES,
  HANDLING_LEVEL_LABELS,
  type HandlingLevel,
  type LocalizedText,
} from '@yiwang/contracts';
import type { CaseFacts, MatterTraits, ReportFact } from './case-facts.js';
import type { IndicatorWindow } from './indicators.js';
import { isWithin } from './periods.js';

/**
 * Difficulty-weighted, fair scores (issue 12 item 3; docs/assessment-indicators.md, "Fair
 * scores"). Counting reports rewards padding with easy matters and hiding the hard ones
 * (seed 000), so a case earns its matter's weight, and only once it is solved; a hard matter
 * in a grid that someone else found first, and that the grid's team never reported, costs
 * the grid (and the holder of its grid-worker post) the same weight.
 */

/** Hard enough that hiding it is what gaming looks like (违章搭建, 群租房, 三合一场所, 消防通道堵塞). */
export const HARD_DIFFICULTY = 4;
/** Each department beyond the lead adds half: the coordination a multi-department matter takes. */
export const PER_EXTRA_DEPARTMENT = 0.5;
/** Whose command center handles it: a matter the town or the city must take on is a bigger one. */
export const LEVEL_FACTORS: Readonly<Record<HandlingLevel, number>> = { community: 1, town: 1.25, city: 1.5 };
/** A hidden hard matter costs what reporting it and getting it solved would have earned. */
export const HIDDEN_PENALTY_FACTOR = 1;

/** Two decimals; never −0 (an empty penalty line shows 0). */
const round2 = (n: number) => Math.round(n * 100) / 100 || 0;
const fmt = (n: number) => String(round2(n));

export interface CaseWeight {
  readonly weight: number;
  /** The formula with the matter's numbers in it. */
  readonly why: LocalizedText;
}

/**
 * A case's weight from its matter: difficulty² × (1 + 0.5 × (departments − 1)) × level
 * factor. Squared, because the catalog's steps are not even: a group rental takes
 * investigation, enforcement and several departments, a parked car a phone call. A case
 * whose matter is unknown weighs 1 (the easiest).
 */
export function caseWeight(matter: MatterTraits | null): CaseWeight {
  if (matter === null) {
    return { weight: 1, why: { 'zh-CN': '事项不明，按 1 计', 'en-US': 'matter unknown: 1' } };
  }
  const departments = Math.max(1, matter.ownerUnitCodes.length);
  const departmentFactor = 1 + PER_EXTRA_DEPARTMENT * (departments - 1);
  const levelFactor = LEVEL_FACTORS[matter.handlingLevel];
  const weight = matter.difficulty * matter.difficulty * departmentFactor * levelFactor;
  const level = HANDLING_LEVEL_LABELS[matter.handlingLevel];
  return {
    weight,
    why: {
      'zh-CN': `${matter.name}：难度 ${matter.difficulty}² × 部门 ${departments} 个 ${fmt(departmentFactor)} × ${level['zh-CN']} ${fmt(levelFactor)} = ${fmt(weight)}`,
      'en-US': `${matter.name}: difficulty ${matter.difficulty}² × ${departments} department(s) ${fmt(departmentFactor)} × ${level['en-US'].toLowerCase()} level ${fmt(levelFactor)} = ${fmt(weight)}`,
    },
  };
}

/** A grid's team (一长五员 posts, holders and backups), and who holds its grid-worker post. */
export interface GridTeam {
  readonly members: ReadonlySet<string>;
  readonly workers: readonly string[];
}

/** The lines' kinds are the API's (contracts). */
export type FairScoreLineKind = (typeof FAIR_SCORE_LINES)[number];

export interface FairScoreCase {
  readonly caseId: string;
  readonly code: string;
  readonly weight: number;
  readonly points: number;
  readonly why: LocalizedText;
}

export interface FairScoreLine {
  readonly kind: FairScoreLineKind;
  readonly text: LocalizedText;
  readonly measured: LocalizedText;
  readonly points: number;
  readonly cases: readonly FairScoreCase[];
}

export interface FairScore {
  readonly key: string;
  /** Reports first filed in the period: what a count-based ranking ranks. */
  readonly plainCount: number;
  readonly total: number;
  readonly lines: readonly FairScoreLine[];
}

/** Adds to a map of lists (in place: the lists can be long). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const happened = (at: Date | null, w: IndicatorWindow): at is Date => at !== null && at.getTime() <= w.asOf.getTime();
const inWindow = (at: Date | null, w: IndicatorWindow): at is Date => isWithin(at, w) && happened(at, w);
const firstReportOf = (f: CaseFacts): ReportFact => ({
  at: f.reportedAt,
  channel: f.channel,
  reporterUserId: f.reporterUserId,
});

/** Closed in the window after a passed verification, and still closed at asOf. */
export function isSolvedIn(f: CaseFacts, w: IndicatorWindow): boolean {
  const closedAt = f.closedAt;
  if (!inWindow(closedAt, w)) return false;
  return f.verifications.some((v) => v.passed && v.at.getTime() <= closedAt.getTime());
}

/**
 * Whether a report is the grid's own: filed by a member of its team; for a grid without
 * posts on record, any worker-app report (there is no one else to credit).
 */
function isOwnReport(team: GridTeam | undefined, r: ReportFact): boolean {
  if (team === undefined) return r.channel === 'worker';
  return r.reporterUserId !== null && team.members.has(r.reporterUserId);
}

/**
 * Per grid, the hard matters first reported in the window by someone else (a resident, 12345,
 * the desk, a worker of another grid) that its team never reported: not in the first report,
 * not among the reports merged in, not in a case of theirs voided as its duplicate. A case
 * voided by asOf (false, or itself a duplicate) is no hidden matter. One pass over the facts.
 */
export function hiddenHardMattersByGrid(
  facts: readonly CaseFacts[],
  teams: ReadonlyMap<string, GridTeam>,
  w: IndicatorWindow,
): Map<string, CaseFacts[]> {
  const duplicatesOf = new Map<string, CaseFacts[]>();
  for (const f of facts) {
    if (f.duplicateOfCaseId === null || !happened(f.voidedDuplicateAt, w)) continue;
    push(duplicatesOf, f.duplicateOfCaseId, f);
  }
  const reportsOf = (f: CaseFacts) => [firstReportOf(f), ...f.reports].filter((r) => happened(r.at, w));
  const hidden = new Map<string, CaseFacts[]>();
  for (const f of facts) {
    const grid = f.gridCode;
    if (
      grid === null ||
      (f.matter?.difficulty ?? 0) < HARD_DIFFICULTY ||
      !inWindow(f.reportedAt, w) ||
      happened(f.voidedInvalidAt, w) ||
      happened(f.voidedDuplicateAt, w)
    ) {
      continue;
    }
    const team = teams.get(grid);
    const reportedByTeam = [f, ...(duplicatesOf.get(f.caseId) ?? [])].some((c) =>
      reportsOf(c).some((r) => isOwnReport(team, r)),
    );
    if (!reportedByTeam) push(hidden, grid, f);
  }
  return hidden;
}

/**
 * Each case with its weight and the points it brings (`factor` × its weight), and the line's
 * points: the sum of the unrounded weights, rounded once (20 × 1.875 is 37.5, not 20 × 1.88).
 */
function casesOf(facts: readonly CaseFacts[], factor: number): { cases: FairScoreCase[]; points: number } {
  const weights = facts.map((f) => ({ f, ...caseWeight(f.matter) }));
  return {
    cases: weights.map(({ f, weight, why }) => ({
      caseId: f.caseId,
      code: f.code,
      weight: round2(weight),
      points: round2(factor * weight),
      why,
    })),
    points: round2(factor * weights.reduce((n, c) => n + c.weight, 0)),
  };
}

function solvedLine(solved: readonly CaseFacts[]): FairScoreLine {
  const { cases, points } = casesOf(solved, 1);
  return {
    kind: 'solved-reports',
    text: {
      'zh-CN': '每件本期解决（核查通过并结案）的上报，按事项难度权重加分',
      'en-US': 'Each report solved in the period (verified and closed) earns its matter’s weight',
    },
    measured: {
      'zh-CN': `已解决 ${cases.length} 件，权重合计 ${fmt(points)}`,
      'en-US': `${cases.length} solved, weights ${fmt(points)}`,
    },
    points,
    cases,
  };
}

function hiddenLine(hidden: readonly CaseFacts[]): FairScoreLine {
  const { cases, points } = casesOf(hidden, -HIDDEN_PENALTY_FACTOR);
  return {
    kind: 'hidden-hard-matters',
    text: {
      'zh-CN': `难度 ≥ ${HARD_DIFFICULTY} 的事项由他人（居民、12345、其他网格员）先发现、本网格从未上报的，每件按其权重扣分`,
      'en-US': `Each matter of difficulty ≥ ${HARD_DIFFICULTY} found first by someone else (residents, 12345, another grid’s worker) and never reported by the grid costs its weight`,
    },
    measured: {
      'zh-CN': `他人发现的难事 ${cases.length} 件，权重合计 ${fmt(-points)}`,
      'en-US': `${cases.length} found by others, weights ${fmt(-points)}`,
    },
    points,
    cases,
  };
}

const scoreOfUnit = (
  key: string,
  plainCount: number,
  solved: readonly CaseFacts[],
  hidden: readonly CaseFacts[],
): FairScore => {
  const lines = [solvedLine(solved), hiddenLine(hidden)];
  return { key, plainCount, total: round2(lines.reduce((n, l) => n + l.points, 0)), lines };
};

/**
 * The fair score of every grid (level `grid`) or grid worker (level `worker`) with a report,
 * a solved report or a hidden hard matter in the window. A grid earns for the solved cases its
 * team first reported; a worker for the solved cases they first reported with the worker app
 * and is charged the hidden hard matters of the grids whose grid-worker post they hold.
 */
export function fairScoresOf(
  facts: readonly CaseFacts[],
  w: IndicatorWindow,
  teams: ReadonlyMap<string, GridTeam>,
  level: 'grid' | 'worker',
): FairScore[] {
  const hiddenByGrid = hiddenHardMattersByGrid(facts, teams, w);
  const keep = (s: FairScore) => s.plainCount > 0 || s.lines.some((l) => l.cases.length > 0);
  const scoreOf = (key: string, own: readonly CaseFacts[], hidden: readonly CaseFacts[]) =>
    scoreOfUnit(
      key,
      own.filter((f) => inWindow(f.reportedAt, w)).length,
      own.filter((f) => isSolvedIn(f, w)),
      hidden,
    );
  if (level === 'grid') {
    const ownByGrid = new Map<string, CaseFacts[]>();
    for (const f of facts) {
      if (f.gridCode === null || !isOwnReport(teams.get(f.gridCode), firstReportOf(f))) continue;
      push(ownByGrid, f.gridCode, f);
    }
    const grids = new Set([...ownByGrid.keys(), ...hiddenByGrid.keys()]);
    return [...grids].map((g) => scoreOf(g, ownByGrid.get(g) ?? [], hiddenByGrid.get(g) ?? [])).filter(keep);
  }
  const ownByWorker = new Map<string, CaseFacts[]>();
  for (const f of facts) {
    if (f.channel !== 'worker' || f.reporterUserId === null) continue;
    push(ownByWorker, f.reporterUserId, f);
  }
  const heldGrids = new Map<string, string[]>();
  for (const [grid, team] of teams) {
    for (const u of team.workers) push(heldGrids, u, grid);
  }
  const workers = new Set([...ownByWorker.keys(), ...heldGrids.keys()]);
  return [...workers]
    .map((u) =>
      scoreOf(
        u,
        ownByWorker.get(u) ?? [],
        (heldGrids.get(u) ?? []).flatMap((g) => hiddenByGrid.get(g) ?? []),
      ),
    )
    .filter(keep);
}

/** Competition ranks (1, 2, 2, 4) of values, higher is better. */
export function ranksOf(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((other) => other > v).length);
}
