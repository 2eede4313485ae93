import { describe, expect, it } from 'vitest';
import {
  channelShares,
  chapman,
  type DetectionCase,
  detectBursts,
  detectClosedWithoutPhoto,
  detectDepartmentDelay,
  detectFarFromPlace,
  detectHiddenHard,
  detectImplausibleSpeed,
  detectLowShare,
  detectRubberStamp,
  detectSelfVerified,
  expectedVsObserved,
  type FindingFact,
  fitPoisson,
  type GridCovariates,
  metresBetween,
  poissonLowerTail,
  predictPoisson,
  robustZ,
  type UnitStint,
} from './index.js';

/* Every expected value below is worked out by hand in the comment beside it. */

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 0, 0) + minutes * 60_000);
const window = { from: t(0), to: t(30 * 24 * 60), asOf: t(30 * 24 * 60) };
const HERE = { lon: 120.3, lat: 31.5 };

let next = 0;
function kase(over: Partial<DetectionCase>): DetectionCase {
  next += 1;
  return {
    caseId: `id-${next}`,
    code: `C${next}`,
    channel: 'worker',
    reporterUserId: 'w1',
    gridCode: 'G1',
    reportedAt: t(60),
    difficulty: 1,
    location: HERE,
    reportChannels: [over.channel ?? 'worker'],
    voidedInvalid: false,
    duplicateOfCaseId: null,
    closedAt: null,
    verifications: [],
    stints: [],
    ...over,
  };
}
const many = (n: number, over: Partial<DetectionCase>) => Array.from({ length: n }, () => kase(over));

describe('Poisson regression (IRLS, log link) and its tail', () => {
  it('P(Y ≤ 2) for μ = 10 is e⁻¹⁰ (1 + 10 + 10²/2) = 61 e⁻¹⁰ ≈ 0.0027694', () => {
    expect(poissonLowerTail(2, 10)).toBeCloseTo(0.0027694, 6);
    // P(Y ≤ 0) for μ = 6.4 is e^−6.4 ≈ 0.0016616
    expect(poissonLowerTail(0, 6.4)).toBeCloseTo(0.0016616, 6);
  });

  it('intercept only: the fitted mean is the sample mean (2, 4, 6 → 4, β0 = ln 4)', () => {
    const fit = fitPoisson([[], [], []], [2, 4, 6]);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(4), 8);
  });

  it('counts exactly e^x (1, 2, 4 at x = 0, ln 2, ln 4) give β = (0, 1): the score equations hold at μ = y', () => {
    const fit = fitPoisson([[0], [Math.log(2)], [Math.log(4)]], [1, 2, 4]);
    expect(fit.coefficients[0]).toBeCloseTo(0, 6);
    expect(fit.coefficients[1]).toBeCloseTo(1, 6);
    expect(predictPoisson(fit, [Math.log(8)])).toBeCloseTo(8, 4);
  });
});

const sameGrids = (codes: string[]): GridCovariates[] =>
  codes.map((gridCode) => ({ gridCode, households: 300, people: 900, areaSquareMeters: 200_000 }));

describe('expected vs observed: hard matters hidden', () => {
  // Five alike grids (the covariates cannot tell them apart, so each expects the mean of the
  // other four: leave-one-out). Hard: 8, 8, 8, 8, 0 → G5 expects 32 / 4 = 8; P(Y ≤ 0) = e^−8 ≈
  // 0.000335 < 0.01; G1 expects (8+8+8+0) / 4 = 6 and has 8: fine.
  // Easy: 3, 3, 3, 3, 5 → G5 expects 12 / 4 = 3; its 5 ≥ 3: it reports, only not what is hard.
  const grids = sameGrids(['G1', 'G2', 'G3', 'G4', 'G5']);
  const honest = ['G1', 'G2', 'G3', 'G4'].flatMap((g) => [
    ...many(8, { gridCode: g, difficulty: 5 }),
    ...many(3, { gridCode: g, difficulty: 1 }),
  ]);
  const foundByResident = kase({ gridCode: 'G5', difficulty: 5, channel: 'resident', reporterUserId: null });

  it('flags the grid with no hard reports but plenty of easy ones, with the hard case a resident found first', () => {
    const cases = [...honest, ...many(5, { gridCode: 'G5', difficulty: 1 }), foundByResident];
    const rows = expectedVsObserved(grids, cases, window);
    expect(rows.find((r) => r.gridCode === 'G5')?.hard.expected).toBeCloseTo(8, 4);
    expect(rows.find((r) => r.gridCode === 'G1')?.hard.expected).toBeCloseTo(6, 4);
    expect(rows.find((r) => r.gridCode === 'G5')?.easy.expected).toBeCloseTo(3, 4);
    const flags = detectHiddenHard(grids, cases, window);
    expect(flags.map((f) => f.key)).toEqual(['G5']);
    expect(flags[0]?.measure).toBeCloseTo(0.00033546, 7);
    expect(flags[0]?.caseCodes[0]).toBe(foundByResident.code);
    expect(flags[0]?.caseCodes).toHaveLength(1 + 5);
    expect(flags[0]?.explanation['zh-CN']).toContain('应约 8 件');
    expect(flags[0]?.explanation['en-US']).toContain('about 8');
  });

  it('a quiet grid (few easy reports too: 0 < 3 expected) is not flagged as hiding hard matters', () => {
    const flags = detectHiddenHard(grids, honest, window);
    expect(flags).toEqual([]);
  });

  it('the covariates set the expectation: a grid with 4× the households expects more', () => {
    const grids2: GridCovariates[] = [
      { gridCode: 'A', households: 100, people: 300, areaSquareMeters: 100_000 },
      { gridCode: 'B', households: 400, people: 1200, areaSquareMeters: 100_000 },
      { gridCode: 'C', households: 100, people: 300, areaSquareMeters: 100_000 },
      { gridCode: 'D', households: 400, people: 1200, areaSquareMeters: 100_000 },
    ];
    const cases = [
      ...many(2, { gridCode: 'A', difficulty: 5 }),
      ...many(8, { gridCode: 'B', difficulty: 5 }),
      ...many(2, { gridCode: 'C', difficulty: 5 }),
      ...many(8, { gridCode: 'D', difficulty: 5 }),
    ];
    // Without a penalty the fit on the other three reproduces the group means: A is predicted
    // from C (2), B from D (8), and so on.
    const rows = expectedVsObserved(grids2, cases, window, { ridge: 0 });
    expect(rows.map((r) => Math.round(r.hard.expected * 1000) / 1000)).toEqual([2, 8, 2, 8]);
  });
});

describe('independent channels: Chapman capture–recapture', () => {
  it('N = (n1+1)(n2+1)/(m+1) − 1: 10 and 8 with 4 in both → 11·9/5 − 1 = 18.8', () => {
    expect(chapman(10, 8, 4)).toBeCloseTo(18.8, 10);
  });

  it('counts a problem once across merged reports and duplicate links, and flags the grid’s low share', () => {
    const workerOnly = many(2, { gridCode: 'G1' });
    const residentOnly = many(3, { gridCode: 'G1', channel: 'resident', reporterUserId: null });
    const merged = kase({ gridCode: 'G1', reportChannels: ['worker', 'resident'] });
    const original = kase({ gridCode: 'G1' });
    const duplicate = kase({
      gridCode: 'G1',
      channel: 'hotline',
      reporterUserId: null,
      duplicateOfCaseId: original.caseId,
    });
    // n1 = 2 + merged + original = 4; n2 = 3 + merged + original (via its duplicate) = 5; m = 2.
    // N = 5 · 6 / 3 − 1 = 9; share = 4 / 9 ≈ 0.444 < 0.5.
    const cases = [...workerOnly, ...residentOnly, merged, original, duplicate];
    const [share] = channelShares(cases, window);
    expect(share).toMatchObject({ gridCode: 'G1', n1: 4, n2: 5, m: 2, estimate: 9 });
    expect(share?.share).toBeCloseTo(4 / 9, 10);
    const flags = detectLowShare(cases, window);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.caseCodes).toEqual(residentOnly.map((c) => c.code));
    expect(flags[0]?.explanation['zh-CN']).toContain('约 9 件');
  });

  it('hard matters alone: a grid reporting every easy matter but no hard one (n1 = 0, n2 = 2, m = 0 → N = 1·3/1 − 1 = 2, share 0)', () => {
    const easy = many(6, { gridCode: 'G2', reportChannels: ['worker'] });
    const easyAlsoByResidents = many(2, { gridCode: 'G2', reportChannels: ['worker', 'resident'] });
    const hard = many(2, { gridCode: 'G2', difficulty: 5, channel: 'resident', reporterUserId: null });
    const cases = [...easy, ...easyAlsoByResidents, ...hard];
    // Over all problems: n1 = 8, n2 = 4, m = 2 → N = 9·5/3 − 1 = 14, share 8/14 ≈ 0.571: not low.
    expect(channelShares(cases, window)[0]?.estimate).toBe(14);
    expect(channelShares(cases, window, 'hard')[0]).toMatchObject({ n1: 0, n2: 2, m: 0, estimate: 2, share: 0 });
    const flags = detectLowShare(cases, window);
    expect(flags.map((f) => [f.key, f.measure, f.caseCodes])).toEqual([['G2', 0, hard.map((c) => c.code)]]);
    expect(flags[0]?.explanation['zh-CN']).toContain('难办事项');
  });

  it('a grid whose workers found most problems is not flagged (n1 = 6, n2 = 3, m = 3 → N = 7·4/4 − 1 = 6, share 1)', () => {
    const cases = [...many(3, { reportChannels: ['worker', 'hotline'] }), ...many(3, {})];
    expect(channelShares(cases, window)[0]?.estimate).toBe(6);
    expect(detectLowShare(cases, window)).toEqual([]);
  });
});

describe('padding', () => {
  it('five easy reports by one worker within 20 minutes at one spot are a burst; four are not; a hard one does not count', () => {
    const burst = [0, 5, 10, 15, 20].map((m) => kase({ reporterUserId: 'pad', reportedAt: t(60 + m) }));
    const hard = kase({ reporterUserId: 'pad', reportedAt: t(62), difficulty: 5 });
    const flags = detectBursts([...burst, hard], window);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'padding-burst', key: 'pad', measure: 5, gridCode: 'G1' });
    expect(flags[0]?.caseCodes).toEqual(burst.map((c) => c.code));
    expect(flags[0]?.explanation['zh-CN']).toContain('20 分钟内');
    expect(detectBursts([...burst.slice(0, 4), hard], window)).toEqual([]);
    // The same five spread over 2 hours (30 minutes apart) are not a burst.
    const spread = [0, 30, 60, 90, 120].map((m) => kase({ reporterUserId: 'calm', reportedAt: t(60 + m) }));
    expect(detectBursts(spread, window)).toEqual([]);
  });

  const pass = (by: string, photos: number, at = t(600)) => ({ at, passed: true, byUserId: by, photoCount: photos });

  it('closed without a photo: 3 of 4 passes photo-less flags (3 ≥ 3 and 3 > 4/2); 2 of 4 does not', () => {
    const three = [0, 0, 0, 1].map((p) => kase({ verifications: [pass('v1', p)] }));
    const flags = detectClosedWithoutPhoto(three, window);
    expect(flags.map((f) => [f.key, f.measure])).toEqual([['v1', 0.75]]);
    expect(flags[0]?.caseCodes).toEqual(three.slice(0, 3).map((c) => c.code));
    const two = [0, 0, 1, 1].map((p) => kase({ verifications: [pass('v2', p)] }));
    expect(detectClosedWithoutPhoto(two, window)).toEqual([]);
  });

  it('self-reported and self-verified: only the case the reporter verified', () => {
    const own = kase({ reporterUserId: 'w9', verifications: [pass('w9', 1)] });
    const other = kase({ reporterUserId: 'w9', verifications: [pass('v1', 1)] });
    const flags = detectSelfVerified([own, other], window);
    expect(flags.map((f) => [f.key, f.caseCodes])).toEqual([['w9', [own.code]]]);
  });

  it('implausible speed: 0.1° of latitude (6 371 km · π/180 · 0.1 ≈ 11.12 km) in 10 minutes is ≈ 66.7 km/h > 60', () => {
    expect(metresBetween(HERE, { lon: HERE.lon, lat: HERE.lat + 0.1 })).toBeCloseTo(11_119.5, 0);
    const a = kase({ verifications: [pass('v1', 1, t(600))] });
    const b = kase({ location: { lon: HERE.lon, lat: HERE.lat + 0.1 }, verifications: [pass('v1', 1, t(610))] });
    const flags = detectImplausibleSpeed([a, b], window);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.measure).toBeCloseTo(66.72, 1);
    expect(flags[0]?.caseCodes).toEqual([a.code, b.code]);
    // 20 minutes between them is ≈ 33.4 km/h: possible by car.
    const c = kase({ location: { lon: HERE.lon, lat: HERE.lat + 0.1 }, verifications: [pass('v2', 1, t(620))] });
    const d = kase({ verifications: [pass('v2', 1, t(600))] });
    expect(detectImplausibleSpeed([c, d], window)).toEqual([]);
  });

  it('far from the place: the verifier’s track 0.01° of latitude away (≈ 1 112 m > 500) at the time; 0.001° (≈ 111 m) is on site', () => {
    const c = kase({ verifications: [pass('v1', 1, t(600))] });
    const far = [{ userId: 'v1', at: t(605), lon: HERE.lon, lat: HERE.lat + 0.01 }];
    const flags = detectFarFromPlace([c], far, window);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.measure).toBeCloseTo(1111.95, 0);
    const near = [{ userId: 'v1', at: t(605), lon: HERE.lon, lat: HERE.lat + 0.001 }];
    expect(detectFarFromPlace([c], near, window)).toEqual([]);
    // Fixes an hour away from the verification say nothing about it.
    expect(detectFarFromPlace([c], [{ ...far[0], at: t(660) } as (typeof far)[0]], window)).toEqual([]);
  });
});

describe('department delay: robust z against peers', () => {
  it('0.6745 (x − median) / MAD: 1, 2, 3, 4, 20 → median 3, MAD 1, z(20) = 0.6745 · 17 = 11.4665', () => {
    const z = robustZ([1, 2, 3, 4, 20]);
    expect(z[4]).toBeCloseTo(11.4665, 4);
    expect(z[0]).toBeCloseTo(-1.349, 4);
    expect(robustZ([5, 5, 5])).toEqual([0, 0, 0]);
  });

  it('with a floor of half the median on the spread: 20, 24, 28, 24, 240 → median 24, MAD 4 < 12 → z(240) = 0.6745 · 216 / 12 ≈ 12.14; 40 → 0.6745 · 16 / 12 ≈ 0.90', () => {
    expect(robustZ([20, 24, 28, 24, 240], { floorShare: 0.5 })[4]).toBeCloseTo(12.141, 3);
    expect(robustZ([20, 24, 28, 24, 40], { floorShare: 0.5 })[4]).toBeCloseTo(0.8993, 4);
  });

  it('a unit that sits 240 h where peers take 20–28 h is flagged (z ≈ 12.14 > 3.5)', () => {
    const stint = (unitId: string, hours: number): UnitStint => ({
      unitId,
      dispatchedAt: t(60),
      returnedAt: null,
      feedbackAt: t(60 + hours * 60),
      reworks: 0,
    });
    const hours: Record<string, number> = { A: 20, B: 24, C: 28, D: 24, E: 240 };
    const cases = Object.entries(hours).flatMap(([u, h]) => many(3, { stints: [stint(u, h)] }));
    const flags = detectDepartmentDelay(cases, window, new Set(Object.keys(hours)));
    expect(flags.map((f) => f.key)).toEqual(['E']);
    expect(flags[0]?.measure).toBeCloseTo(12.141, 3);
    expect(flags[0]?.caseCodes).toHaveLength(3);
    expect(flags[0]?.explanation['zh-CN']).toContain('中位 240 小时');
    // Fewer than three peers with enough cases: nobody to compare with.
    expect(detectDepartmentDelay(cases.slice(-6), window, new Set(Object.keys(hours)))).toEqual([]);
  });
});

describe('rubber-stamping inspector', () => {
  const finding = (inspectorId: string, found: number, reported: number, i: number): FindingFact => ({
    findingId: `${inspectorId}-${i}`,
    inspectorId,
    targetCode: `G${i}`,
    foundCount: found,
    reportedCount: reported,
    foundCaseCodes: [],
  });

  it('4 of 4 agree while others agree 2 of 6: (1/3)⁴ = 1/81 ≈ 0.0123 < 0.05 → flagged', () => {
    const stamp = [0, 1, 2, 3].map((i) => finding('stamp', 2, 2, i));
    const others = [
      [3, 1],
      [4, 2],
      [2, 2],
      [5, 3],
      [1, 1],
      [3, 0],
    ].map(([f, r], i) => finding(i < 3 ? 'o1' : 'o2', f as number, r as number, i));
    const flags = detectRubberStamp([...stamp, ...others]);
    expect(flags.map((f) => f.key)).toEqual(['stamp']);
    expect(flags[0]?.measure).toBeCloseTo(1 / 81, 10);
  });

  it('when others agree 5 of 6 as well, (5/6)⁴ ≈ 0.482: agreeing is normal, no flag', () => {
    const stamp = [0, 1, 2, 3].map((i) => finding('stamp', 2, 2, i));
    const others = [0, 1, 2, 3, 4, 5].map((i) => finding('o1', i === 0 ? 3 : 1, 1, i));
    expect(detectRubberStamp([...stamp, ...others])).toEqual([]);
  });
});
