import { classOf, type DetectionCase, type Flag, round } from './detection-case.js';
import { fitPoisson, poissonLowerTail, predictPoisson } from './poisson.js';

/** What a grid is expected to produce reports from (the grid map's numbers, and its own history). */
export interface GridCovariates {
  readonly gridCode: string;
  readonly households: number;
  readonly people: number;
  readonly areaSquareMeters: number;
  /** Its grid workers' reports of the class in the previous period of the same length, if known. */
  readonly history?: { readonly hard: number; readonly easy: number } | undefined;
}

export interface ExpectedObserved {
  readonly gridCode: string;
  readonly hard: { readonly observed: number; readonly expected: number; readonly lowerTail: number };
  readonly easy: { readonly observed: number; readonly expected: number; readonly lowerTail: number };
}

/** Up to this many grids each is predicted from the others (leave-one-out); beyond, one grid weighs too little to matter. */
export const LEAVE_ONE_OUT_UP_TO = 300;

/** Below this tail probability a grid's hard reports are "far below expected". */
export const HIDDEN_HARD_TAIL = 0.01;

/** A grid worker's own report (the worker channel), valid, filed in the window. */
const countsAsOwnReport = (c: DetectionCase, from: Date, to: Date) =>
  c.channel === 'worker' &&
  !c.voidedInvalid &&
  c.reportedAt.getTime() >= from.getTime() &&
  c.reportedAt.getTime() < to.getTime();

const covariateRow = (g: GridCovariates, klass: 'hard' | 'easy', withHistory: boolean): number[] => {
  const row = [Math.log1p(g.households), Math.log1p(g.people), Math.log1p(g.areaSquareMeters / 10_000)];
  if (withHistory) row.push(Math.log1p(g.history?.[klass] ?? 0));
  return row;
};

/** Centres and scales each column, so the ridge penalty treats covariates alike (a constant column becomes 0). */
function standardize(rows: number[][]): number[][] {
  const p = rows[0]?.length ?? 0;
  const out = rows.map((r) => [...r]);
  for (let j = 0; j < p; j++) {
    const col = rows.map((r) => r[j] as number);
    const mean = col.reduce((s, v) => s + v, 0) / col.length;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
    for (const r of out) r[j] = sd > 1e-9 ? ((r[j] as number) - mean) / sd : 0;
  }
  return out;
}

/**
 * Per grid and matter class, its grid workers' reports against what a Poisson regression on
 * the other grids' covariates (households, people, area, and its own history when every grid
 * has one) expects.
 */
export function expectedVsObserved(
  grids: readonly GridCovariates[],
  cases: readonly DetectionCase[],
  window: { from: Date; to: Date },
  options: { ridge?: number } = {},
): ExpectedObserved[] {
  const observed = new Map(grids.map((g) => [g.gridCode, { hard: 0, easy: 0 }]));
  for (const c of cases) {
    const klass = classOf(c.difficulty);
    const counts = c.gridCode === null ? undefined : observed.get(c.gridCode);
    if (klass && counts && countsAsOwnReport(c, window.from, window.to)) counts[klass] += 1;
  }
  const withHistory = grids.length > 0 && grids.every((g) => g.history !== undefined);
  const expected = { hard: [] as number[], easy: [] as number[] };
  for (const klass of ['hard', 'easy'] as const) {
    const x = standardize(grids.map((g) => covariateRow(g, klass, withHistory)));
    const y = grids.map((g) => observed.get(g.gridCode)?.[klass] ?? 0);
    // The penalty grows with the counts (the information matrix does): households and people
    // move together, and a few grids must not yield a wild slope.
    const ridge = options.ridge ?? Math.max(1, 0.1 * y.reduce((s, v) => s + v, 0));
    if (grids.length <= LEAVE_ONE_OUT_UP_TO) {
      // Each grid's expectation comes from a fit on the other grids: with few grids, a grid's
      // own low count would otherwise bend the model toward it and explain itself away. Its
      // covariates are held within the others' range: the model is not trusted beyond its data.
      expected[klass] = x.map((row, i) => {
        const others = x.filter((_, j) => j !== i);
        const fit = fitPoisson(
          others,
          y.filter((_, j) => j !== i),
          { ridge },
        );
        const held = row.map((v, k) => {
          const column = others.map((r) => r[k] as number);
          return Math.min(Math.max(v, Math.min(...column)), Math.max(...column));
        });
        return predictPoisson(fit, held);
      });
    } else {
      const fit = fitPoisson(x, y, { ridge });
      expected[klass] = x.map((row) => predictPoisson(fit, row));
    }
  }
  return grids.map((g, i) => {
    const o = observed.get(g.gridCode) ?? { hard: 0, easy: 0 };
    const eh = expected.hard[i] ?? 0;
    const ee = expected.easy[i] ?? 0;
    return {
      gridCode: g.gridCode,
      hard: { observed: o.hard, expected: eh, lowerTail: poissonLowerTail(o.hard, eh) },
      easy: { observed: o.easy, expected: ee, lowerTail: poissonLowerTail(o.easy, ee) },
    };
  });
}

/**
 * Flags a grid whose hard reports are far below expected (P(Y ≤ observed) < 1 %) while its
 * easy reports are at or above expected: it reports, just not what is hard. Its hard cases
 * found by others (residents, 12345) are the cases behind the flag.
 */
export function detectHiddenHard(
  grids: readonly GridCovariates[],
  cases: readonly DetectionCase[],
  window: { from: Date; to: Date },
): Flag[] {
  const flags: Flag[] = [];
  for (const row of expectedVsObserved(grids, cases, window)) {
    if (!(row.hard.lowerTail < HIDDEN_HARD_TAIL && row.easy.observed >= Math.floor(row.easy.expected))) continue;
    const behind = cases.filter(
      (c) =>
        c.gridCode === row.gridCode &&
        classOf(c.difficulty) !== null &&
        c.reportedAt.getTime() >= window.from.getTime() &&
        c.reportedAt.getTime() < window.to.getTime() &&
        (classOf(c.difficulty) === 'hard' ? c.channel !== 'worker' : c.channel === 'worker'),
    );
    // Hard matters others found there first, then the easy reports the grid filed instead.
    behind.sort((a, b) => (classOf(a.difficulty) === 'hard' ? 0 : 1) - (classOf(b.difficulty) === 'hard' ? 0 : 1));
    const p = row.hard.lowerTail < 0.0001 ? '< 0.0001' : String(round(row.hard.lowerTail, 4));
    flags.push({
      kind: 'hidden-hard',
      level: 'grid',
      key: row.gridCode,
      gridCode: row.gridCode,
      measure: row.hard.lowerTail,
      explanation: {
        'zh-CN': `难办事项（难度 4–5）网格员上报 ${row.hard.observed} 件，按本网格户数、人口、面积应约 ${round(row.hard.expected, 1)} 件（这么少的概率 ${p}）；而容易事项上报 ${row.easy.observed} 件，不低于应有的 ${round(row.easy.expected, 1)} 件。疑似只报易、不报难。`,
        'en-US': `Grid workers reported ${row.hard.observed} hard matters (difficulty 4–5) where the grid's households, people and area lead to expect about ${round(row.hard.expected, 1)} (chance of so few: ${p}), while they reported ${row.easy.observed} easy ones, no fewer than the ${round(row.easy.expected, 1)} expected. Easy matters reported, hard ones apparently not.`,
      },
      caseIds: behind.map((c) => c.caseId),
      caseCodes: behind.map((c) => c.code),
    });
  }
  return flags;
}
