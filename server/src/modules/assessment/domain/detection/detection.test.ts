import { describe, expect, it } from 'vitest';
import type { CaseFacts, MatterTraits } from '../case-facts.js';
import type { GridTeam } from '../fair-score.js';
import { d, facts, NOVEMBER } from '../hand-made-county.test-helpers.js';
import { chapman } from './chapman.js';
import {
  binomialUpperTail,
  detectDepartmentDelay,
  detectFromFindings,
  detectHiddenHard,
  detectLowShare,
  detectPaddingBursts,
  type GridProblem,
  gridProblems,
  metersBetween,
  type Place,
} from './detectors.js';
import { fitPoissonGlm, poissonCdf, solveLinear } from './poisson.js';

const matter = (difficulty: number): MatterTraits => ({
  code: `M${difficulty}`,
  name: `难度${difficulty}`,
  difficulty,
  ownerUnitCodes: ['u'],
  handlingLevel: 'community',
});
const EASY = matter(1);
const HARD = matter(5);

describe('Poisson pieces, worked by hand', () => {
  it('the lower tail: P(X ≤ 2 | 1.5) = e^−1.5 (1 + 1.5 + 1.125) = 0.80885; P(X ≤ 0 | 7) = e^−7', () => {
    expect(poissonCdf(2, 1.5)).toBeCloseTo(0.22313016 * 3.625, 6);
    expect(poissonCdf(0, 7)).toBeCloseTo(0.000911882, 8);
    expect(poissonCdf(-1, 3)).toBe(0);
  });
  it('solves a 2×2 system: 2x + y = 5, x + 3y = 10 → x = 1, y = 3', () => {
    const [x, y] = solveLinear(
      [
        [2, 1],
        [1, 3],
      ],
      [5, 10],
    );
    expect(x).toBeCloseTo(1, 10);
    expect(y).toBeCloseTo(3, 10);
  });
  it('IRLS: intercept only gives log of the mean; a binary covariate gives the two group means', () => {
    // y = 1, 2, 3, 6: mean 3, so β₀ = ln 3.
    const flat = fitPoissonGlm([[1], [1], [1], [1]], [1, 2, 3, 6]);
    expect(flat.converged).toBe(true);
    expect(flat.beta[0]).toBeCloseTo(Math.log(3), 6);
    // Groups (2, 4) and (9, 11): means 3 and 10, so β₀ = ln 3 and β₁ = ln(10/3); fitted = the group means.
    const fit = fitPoissonGlm(
      [
        [1, 0],
        [1, 0],
        [1, 1],
        [1, 1],
      ],
      [2, 4, 9, 11],
    );
    expect(fit.beta[0]).toBeCloseTo(Math.log(3), 4);
    expect(fit.beta[1]).toBeCloseTo(Math.log(10 / 3), 4);
    expect(fit.fitted[2]).toBeCloseTo(10, 3);
  });
  it('binomial upper tail: P(X ≥ 2 | 3, ½) = 3/8 + 1/8', () => {
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 10);
    expect(binomialUpperTail(0, 3, 0.5)).toBe(1);
  });
  it('metres: 0.001° of latitude is 6 371 000 × π/180 × 0.001 = 111.19 m', () => {
    expect(metersBetween({ lon: 120, lat: 31 }, { lon: 120, lat: 31.001 })).toBeCloseTo(111.19, 1);
  });
});

describe('Chapman capture–recapture', () => {
  it('team 6, others 3, both 2: N = 7 × 4 / 3 − 1 = 8.33, share 6 / 8.33 = 0.72', () => {
    const e = chapman(6, 3, 2);
    expect(e.estimate).toBeCloseTo(25 / 3, 10);
    expect(e.teamShare).toBeCloseTo(0.72, 10);
  });
  it('a team that reported none of 3 hard problems others found: N = 1 × 4 / 1 − 1 = 3, share 0', () => {
    expect(chapman(0, 3, 0)).toEqual({ team: 0, others: 3, both: 0, estimate: 3, teamShare: 0 });
  });
});

const TEAMS = new Map<string, GridTeam>([
  ['G1', { members: new Set(['w1', 'b1']), workers: ['w1'] }],
  ['G2', { members: new Set(['w2']), workers: ['w2'] }],
]);
const byResident = (code: string, grid: string, m: MatterTraits, over: Partial<CaseFacts> = {}) =>
  facts(code, {
    channel: 'resident',
    reporterUserId: 'r9',
    gridCode: grid,
    matter: m,
    reportedAt: d('11-05 09:00'),
    ...over,
  });
const byWorker = (code: string, worker: string, grid: string, m: MatterTraits, over: Partial<CaseFacts> = {}) =>
  facts(code, {
    channel: 'worker',
    reporterUserId: worker,
    gridCode: grid,
    matter: m,
    reportedAt: d('11-05 09:00'),
    ...over,
  });
const alsoBy = (worker: string) => [{ at: d('11-06 09:00'), channel: 'worker' as const, reporterUserId: worker }];

describe('independent channels per grid', () => {
  it('counts who saw each problem: a team report merged in, or in a case voided as its duplicate, is the team’s', () => {
    const list = [
      byResident('R1', 'G1', HARD),
      byResident('R2', 'G1', HARD, {
        reports: [{ at: d('11-05 09:00'), channel: 'resident', reporterUserId: 'r9' }, ...alsoBy('b1')],
      }),
      byResident('R3', 'G1', HARD),
      byWorker('D3', 'w1', 'G1', HARD, { voidedDuplicateAt: d('11-07 09:00'), duplicateOfCaseId: 'R3' }),
      byResident('R4', 'G1', HARD, { voidedInvalidAt: d('11-07 09:00') }),
      byWorker('W1', 'w1', 'G1', EASY),
    ];
    const problems = gridProblems(list, TEAMS, NOVEMBER).get('G1') ?? [];
    // R4 is false, D3 folds into R3: four problems.
    expect(problems.map((p) => [p.facts.code, p.difficulty, p.team, p.others])).toEqual([
      ['R1', 'hard', false, true],
      ['R2', 'hard', true, true],
      ['R3', 'hard', true, true],
      ['W1', 'easy', true, false],
    ]);
  });

  it('flags a team that found none of the hard problems others found (share 0 < 30 %), not one that found some', () => {
    const problems = gridProblems(
      [
        byResident('A1', 'G1', HARD),
        byResident('A2', 'G1', HARD),
        byResident('A3', 'G1', HARD),
        // G2: team 2 (one also by others), others 2 → N = 3 × 3 / 2 − 1 = 3.5, share 2/3.5 = 57 %.
        byWorker('B1', 'w2', 'G2', HARD),
        byWorker('B2', 'w2', 'G2', HARD, {
          reports: [
            { at: d('11-05 09:00'), channel: 'worker', reporterUserId: 'w2' },
            { at: d('11-06 09:00'), channel: 'hotline', reporterUserId: null },
          ],
        }),
        byResident('B3', 'G2', HARD),
      ],
      TEAMS,
      NOVEMBER,
    );
    const flags = detectLowShare(problems);
    expect(flags.map((f) => f.subject)).toEqual(['G1']);
    expect(flags[0]?.caseCodes).toEqual(['A1', 'A2', 'A3']);
    expect(flags[0]?.numbers).toMatchObject({ team: 0, others: 3, both: 0, estimate: 3, share: 0 });
    expect(flags[0]?.evidence['zh-CN']).toContain('Chapman 估计真实数 3.0 件');
  });
});

describe('expected vs observed', () => {
  it('ten alike grids: expected hard = their mean 5.4; the grid with none (e^−5.4 = 0.0045 < 0.01) and easy 12 ≥ 0.8 × 10.2 is flagged', () => {
    const grids = Array.from({ length: 10 }, (_, i) => ({
      gridCode: `G${i}`,
      households: 500,
      people: 1200,
      areaSquareMeters: 400_000,
    }));
    const problem = (code: string, m: MatterTraits, team: boolean, others: boolean): GridProblem => ({
      facts: facts(code, { matter: m }),
      difficulty: m.difficulty >= 4 ? 'hard' : 'easy',
      team,
      others,
    });
    const problems = new Map<string, GridProblem[]>();
    grids.forEach((g, i) => {
      const hard = i === 0 ? 0 : 6;
      const easy = i === 0 ? 12 : 10;
      problems.set(g.gridCode, [
        ...Array.from({ length: hard }, (_, k) => problem(`${g.gridCode}-H${k}`, HARD, true, false)),
        ...Array.from({ length: easy }, (_, k) => problem(`${g.gridCode}-E${k}`, EASY, true, false)),
        problem(`${g.gridCode}-X`, HARD, false, true),
      ]);
    });
    const flags = detectHiddenHard(problems, grids);
    expect(flags.map((f) => f.subject)).toEqual(['G0']);
    expect(flags[0]?.numbers.expectedHard).toBeCloseTo(5.4, 3);
    expect(flags[0]?.numbers.expectedEasy).toBeCloseTo(10.2, 3);
    expect(flags[0]?.numbers.tail).toBeCloseTo(Math.exp(-5.4), 5);
    expect(flags[0]?.caseCodes).toEqual(['G0-X']);
    // Fewer grids than the model needs: no flag rather than a guess.
    expect(detectHiddenHard(problems, grids.slice(0, 5))).toEqual([]);
  });
});

describe('padding', () => {
  const place = (east: number): Place => ({ lon: 120 + east / 94_500, lat: 31.5 });
  it('six easy reports by one worker within 2 h and 300 m are a burst; five are not; the same six spread over days are not', () => {
    const burst = Array.from({ length: 6 }, (_, i) =>
      byWorker(`P${i}`, 'w1', 'G1', EASY, { reportedAt: new Date(d('11-05 09:00').getTime() + i * 15 * 60_000) }),
    );
    const five = Array.from({ length: 5 }, (_, i) =>
      byWorker(`F${i}`, 'w2', 'G2', EASY, { reportedAt: new Date(d('11-05 09:00').getTime() + i * 15 * 60_000) }),
    );
    const spread = Array.from({ length: 6 }, (_, i) =>
      byWorker(`S${i}`, 'w3', 'G2', EASY, { reportedAt: new Date(d('11-05 09:00').getTime() + i * 86_400_000) }),
    );
    const places = new Map<string, Place>();
    [...burst, ...five, ...spread].forEach((f, i) => {
      places.set(f.caseId, place((i % 6) * 40));
    });
    const flags = detectPaddingBursts([...burst, ...five, ...spread], places, NOVEMBER);
    expect(flags.map((f) => [f.subject, f.gridCode, f.caseCodes.length])).toEqual([['w1', 'G1', 6]]);
    expect(flags[0]?.evidence['en-US']).toContain('1 burst(s)');
    // The same six 400 m apart each: no burst.
    const far = new Map(burst.map((f, i) => [f.caseId, place(i * 400)]));
    expect(detectPaddingBursts(burst, far, NOVEMBER)).toEqual([]);
  });
});

describe('department delay', () => {
  it('8 of 10 late against peers’ (2 + 1)/(40 + 1) = 7.3 % is flagged; 1 of 20 is not', () => {
    const due = (code: string, unit: string, late: boolean) =>
      facts(code, {
        unitId: unit,
        dueAt: d('11-10 18:00'),
        firstFeedbackAt: late ? null : d('11-09 18:00'),
      });
    const list = [
      ...Array.from({ length: 10 }, (_, i) => due(`A${i}`, 'A', i < 8)),
      ...Array.from({ length: 20 }, (_, i) => due(`B${i}`, 'B', i < 1)),
      ...Array.from({ length: 20 }, (_, i) => due(`C${i}`, 'C', i < 1)),
    ];
    const flags = detectDepartmentDelay(list, new Set(['A', 'B', 'C']), NOVEMBER);
    expect(flags.map((f) => f.subject)).toEqual(['A']);
    expect(flags[0]?.numbers.peers).toBeCloseTo(3 / 41, 10);
    expect(flags[0]?.caseCodes).toHaveLength(8);
  });
});

describe('inspection findings', () => {
  it('a finding of more problems than reported flags the grid; an inspector who always says “all reported” on grids shown to hide is flagged', () => {
    const hiding = detectLowShare(
      gridProblems([byResident('A1', 'G1', HARD), byResident('A2', 'G1', HARD)], TEAMS, NOVEMBER),
    );
    const flags = detectFromFindings(
      [
        { gridCode: 'G2', inspectorUserId: 'honest', found: 3, reported: 1, caseCodes: ['B1'] },
        { gridCode: 'G1', inspectorUserId: 'stamp', found: 2, reported: 2, caseCodes: [] },
        { gridCode: 'G1', inspectorUserId: 'stamp', found: 1, reported: 1, caseCodes: [] },
      ],
      hiding,
    );
    expect(flags.map((f) => [f.kind, f.subject])).toEqual([
      ['inspection-gap', 'G2'],
      ['rubber-stamp', 'stamp'],
    ]);
    expect(flags[1]?.caseCodes).toEqual(['A1', 'A2', 'A1', 'A2']);
  });
});
