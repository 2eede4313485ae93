import { describe, expect, it } from 'vitest';
import { MATTER_CATALOG } from '../../catalog/data/matter-catalog.js';
import { type CaseFacts, caseFactsOf, type MatterTraits } from './case-facts.js';
import { caseWeight, type FairScore, fairScoresOf, type GridTeam, ranksOf } from './fair-score.js';
import { d, facts, NOVEMBER } from './hand-made-county.test-helpers.js';

/*
 * The matters of the hand-made grids, as the catalog has them, and their weights worked out by hand
 * (difficulty² × (1 + 0.5 × (departments − 1)) × level: community 1, town 1.25, city 1.5):
 *   暴露垃圾      difficulty 1, urban,                     community: 1 × 1   × 1    = 1
 *   机动车乱停放  difficulty 1, police + urban,            town:      1 × 1.5 × 1.25 = 1.875
 *   违章搭建      difficulty 5, urban + planning + housing, town:     25 × 2   × 1.25 = 62.5
 *   群租房        difficulty 5, housing + police + fire,   town:     25 × 2   × 1.25 = 62.5
 *   桥梁设施损坏  difficulty 4, transport + urban,         city:     16 × 1.5 × 1.5  = 36
 */
const matter = (code: string): MatterTraits => {
  const m = MATTER_CATALOG.find((x) => x.code === code);
  if (!m) throw new Error(`no matter ${code}`);
  return {
    code,
    name: m.name,
    difficulty: m.difficulty,
    ownerUnitCodes: m.ownerUnitCodes,
    handlingLevel: m.handlingLevel,
  };
};
const RUBBISH = matter('CG-0301');
const PARKING = matter('CG-0704');
const BUILDING = matter('CG-0707');
const GROUP_RENTAL = matter('ZZ-0306');
const BRIDGE = matter('CG-0206');

const team = (members: string[], worker: string): GridTeam => ({ members: new Set(members), workers: [worker] });
const TEAMS = new Map<string, GridTeam>([
  ['G1', team(['padder', 'backup-1'], 'padder')],
  ['G2', team(['solver', 'backup-2'], 'solver')],
  ['G3', team(['hider', 'backup-3'], 'hider')],
]);

/** A worker's report in November, solved (verified and closed) unless `open`. */
function report(code: string, m: MatterTraits, worker: string, grid: string, over: Partial<CaseFacts> = {}): CaseFacts {
  return facts(code, {
    matter: m,
    reporterUserId: worker,
    gridCode: grid,
    path: `320281/320281001/320281001001/${grid}`,
    reportedAt: d('11-03 09:00'),
    registeredAt: d('11-03 10:00'),
    verifications: [{ at: d('11-10 10:00'), passed: true }],
    closedAt: d('11-10 10:00'),
    closures: [d('11-10 10:00')],
    ...over,
  });
}
const open: Partial<CaseFacts> = { verifications: [], closedAt: null, closures: [] };
/** Someone else's first report (a resident, 12345) of a matter in a grid, still open. */
const foundBy = (
  code: string,
  channel: 'resident' | 'hotline',
  m: MatterTraits,
  grid: string,
  over: Partial<CaseFacts> = {},
) =>
  report(code, m, 'resident-9', grid, {
    channel,
    reporterUserId: channel === 'resident' ? 'resident-9' : null,
    ...open,
    ...over,
  });

const byKey = (scores: readonly FairScore[], key: string) => {
  const s = scores.find((x) => x.key === key);
  if (!s) throw new Error(`no score for ${key}`);
  return s;
};

describe('a case’s weight (the formula on the real catalog, worked out by hand above)', () => {
  it('easy matters weigh little, hard multi-department ones much, and the weight says how it was made', () => {
    expect(caseWeight(RUBBISH).weight).toBe(1);
    expect(caseWeight(PARKING).weight).toBe(1.875);
    expect(caseWeight(BUILDING).weight).toBe(62.5);
    expect(caseWeight(GROUP_RENTAL).weight).toBe(62.5);
    expect(caseWeight(BRIDGE).weight).toBe(36);
    expect(caseWeight(BUILDING).why['zh-CN']).toBe('违章搭建：难度 5² × 部门 3 个 2 × 镇（街道）级 1.25 = 62.5');
    expect(caseWeight(null)).toMatchObject({ weight: 1 });
  });
});

describe('padding does not pay (November, by hand)', () => {
  // G1's worker pads: 20 exposed-rubbish reports and 20 parked cars, all solved.
  const padded = [
    ...Array.from({ length: 20 }, (_, i) => report(`R${i}`, RUBBISH, 'padder', 'G1')),
    ...Array.from({ length: 20 }, (_, i) => report(`P${i}`, PARKING, 'padder', 'G1')),
  ];
  // G2's worker reports 2 illegal buildings, both solved, and a third not solved yet (earns nothing yet).
  const hard = [
    report('B1', BUILDING, 'solver', 'G2'),
    report('B2', BUILDING, 'solver', 'G2'),
    report('B3', BUILDING, 'solver', 'G2', open),
  ];

  it('40 easy solved reports earn 20 × 1 + 20 × 1.875 = 57.5; 2 hard ones solved earn 2 × 62.5 = 125', () => {
    const scores = fairScoresOf([...padded, ...hard], NOVEMBER, TEAMS, 'grid');
    const g1 = byKey(scores, 'G1');
    const g2 = byKey(scores, 'G2');
    expect(g1).toMatchObject({ plainCount: 40, total: 57.5 });
    expect(g2).toMatchObject({ plainCount: 3, total: 125 });
    // Counted, G1 ranks first; weighted, G2 does.
    expect(ranksOf([g1.plainCount, g2.plainCount])).toEqual([1, 2]);
    expect(ranksOf([g1.total, g2.total])).toEqual([2, 1]);
    // Explained down to the cases: each solved case with its weight; B3 (not solved) is not there.
    expect(g2.lines[0]).toMatchObject({ kind: 'solved-reports', points: 125 });
    expect(g2.lines[0]?.measured['zh-CN']).toBe('已解决 2 件，权重合计 125');
    expect(g2.lines[0]?.cases.map((c) => [c.code, c.points])).toEqual([
      ['B1', 62.5],
      ['B2', 62.5],
    ]);
    expect(g2.lines[1]).toMatchObject({ kind: 'hidden-hard-matters', points: 0, cases: [] });
  });

  it('the same per worker: padding 20 easy cases (20) earns less than solving 2 hard ones (125)', () => {
    const scores = fairScoresOf([...padded.filter((f) => f.code.startsWith('R')), ...hard], NOVEMBER, TEAMS, 'worker');
    expect(byKey(scores, 'padder')).toMatchObject({ plainCount: 20, total: 20 });
    expect(byKey(scores, 'solver')).toMatchObject({ plainCount: 3, total: 125 });
  });

  it('a case closed without a passed verification, or reopened, earns nothing', () => {
    const unverified = report('U', BUILDING, 'solver', 'G2', { verifications: [] });
    const reopened = report('O', BUILDING, 'solver', 'G2', { closedAt: null, reopenings: [d('11-12 09:00')] });
    expect(byKey(fairScoresOf([unverified, reopened], NOVEMBER, TEAMS, 'grid'), 'G2')).toMatchObject({
      plainCount: 2,
      total: 0,
    });
  });
});

describe('a hidden hard matter costs the grid (November, by hand)', () => {
  const own = Array.from({ length: 5 }, (_, i) => report(`H${i}`, RUBBISH, 'hider', 'G3'));
  // 12345 finds a group rental in G3; G3's team never reported it: −62.5.
  const hotlineFind = foundBy('GR', 'hotline', GROUP_RENTAL, 'G3');
  // A worker of another grid (G1's) finds a damaged bridge in G3: −36.
  const otherWorkerFind = report('BR', BRIDGE, 'padder', 'G3', open);
  // Not held against G3:
  const meToo = foundBy('MT', 'resident', BUILDING, 'G3', {
    // the grid's backup worker added a "me too" report the next day
    reports: [{ at: d('11-04 09:00'), channel: 'worker', reporterUserId: 'backup-3' }],
  });
  const foundFirst = foundBy('FF', 'resident', BUILDING, 'G3');
  const theirDuplicate = report('FD', BUILDING, 'hider', 'G3', {
    // the grid worker's own report of the same building, voided as FF's duplicate
    ...open,
    voidedDuplicateAt: d('11-03 12:00'),
    duplicateOfCaseId: 'FF',
  });
  const falseAlarm = foundBy('FA', 'hotline', GROUP_RENTAL, 'G3', { voidedInvalidAt: d('11-05 09:00') });
  const easyByResident = foundBy('EZ', 'resident', RUBBISH, 'G3');
  const october = foundBy('OC', 'hotline', GROUP_RENTAL, 'G3', { reportedAt: d('10-20 09:00') });
  const all = [
    ...own,
    hotlineFind,
    otherWorkerFind,
    meToo,
    foundFirst,
    theirDuplicate,
    falseAlarm,
    easyByResident,
    october,
  ];

  it('G3: 5 solved easy reports +5; group rental (12345) −62.5 and bridge (G1’s worker) −36; total −93.5', () => {
    const g3 = byKey(fairScoresOf(all, NOVEMBER, TEAMS, 'grid'), 'G3');
    // Its own reports: H0–H4 and FD (voided, but filed): 6.
    expect(g3.plainCount).toBe(6);
    expect(g3.lines.map((l) => l.points)).toEqual([5, -98.5]);
    expect(g3.total).toBe(-93.5);
    expect(g3.lines[1]?.cases.map((c) => [c.code, c.points])).toEqual([
      ['GR', -62.5],
      ['BR', -36],
    ]);
    expect(g3.lines[1]?.measured['en-US']).toBe('2 found by others, weights 98.5');
  });

  it('the holder of G3’s grid-worker post is charged the same; the finder from G1 earns nothing until it is solved', () => {
    const scores = fairScoresOf(all, NOVEMBER, TEAMS, 'worker');
    expect(byKey(scores, 'hider')).toMatchObject({ plainCount: 6, total: -93.5 });
    expect(byKey(scores, 'padder')).toMatchObject({ plainCount: 1, total: 0 });
    // G1's grid loses nothing for finding something in G3.
    expect(fairScoresOf(all, NOVEMBER, TEAMS, 'grid').find((s) => s.key === 'G1')).toBeUndefined();
  });
});

describe('the facts the fair score reads, folded from the event log', () => {
  it('merged reports with their channel and reporter; the case a duplicate was voided into', () => {
    const header = {
      caseId: 'X',
      code: 'X',
      channel: 'resident' as const,
      reporterUserId: 'resident-9',
      matter: BUILDING,
      gridCode: 'G3',
      path: '320281/320281001/320281001001/G3',
      createdAt: d('11-03 09:00'),
    };
    const f = caseFactsOf(header, [
      { type: 'reported', at: d('11-03 09:00'), actorUserId: 'resident-9', details: {} },
      { type: 'report_merged', at: d('11-04 09:00'), actorUserId: 'hider', details: { channel: 'worker' } },
      { type: 'voided', at: d('11-05 09:00'), actorUserId: 'op', details: { duplicateOfCaseId: 'Y' } },
    ]);
    expect(f.reports).toEqual([
      { at: d('11-03 09:00'), channel: 'resident', reporterUserId: 'resident-9' },
      { at: d('11-04 09:00'), channel: 'worker', reporterUserId: 'hider' },
    ]);
    expect(f).toMatchObject({ duplicateOfCaseId: 'Y', voidedDuplicateAt: d('11-05 09:00'), matter: BUILDING });
  });
});
