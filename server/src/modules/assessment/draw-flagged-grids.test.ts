import type { DetectionFlags, Draw, DrawVerification, Inspector } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '../../platform/china-day.js';
import { type Client, createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  reportOk,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

/**
 * The detector feeds the 双随机 draw (issue 12 item 5): a grid planted as hiding hard matters
 * and padding with easy ones is weighted up without being typed in, the draw's snapshot says
 * why, and a re-run gives the same list after the flags have changed.
 */

let w: CaseWorld;
let leader: Client;
let honestWorker: Client;
let otherTownSupervisor: Client;
let inspectors: Inspector[];
let hider: { code: string; point: Position };
let honest: { code: string; point: Position }[];
const today = () => chinaDayOf(new Date());

const HARD = { matterCode: 'CG-0707', formAnswers: { structure: 'steel_shed', stage: 'building' } }; // difficulty 5
const EASY = ['CG-0103', 'CG-0111', 'CG-0112', 'CG-0202', 'CG-0302'].map((matterCode) =>
  matterCode === 'CG-0302' ? { matterCode } : { matterCode, formAnswers: { hazard: 'risk' } },
);
/** The n-th spot of a 3 × 3 lattice 25 m apart around the grid's inner point: never merged. */
const spot = (point: Position, n: number) => at(point, ((n % 3) - 1) * 25, (Math.floor(n / 3) - 1) * 25);

async function plant(client: Client, grid: { code: string; point: Position }, body: object, n: number) {
  const r = await reportOk(client, { description: '现场发现', point: spot(grid.point, n), ...body } as never);
  expect(r.outcome).toBe('created');
  expect(r.case.gridCode).toBe(grid.code);
}

async function drawOk(body: object): Promise<Draw> {
  const r = await leader.post('/api/assessment/draws', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

async function verify(draw: Draw): Promise<DrawVerification> {
  const r = await leader.get(`/api/assessment/draws/${draw.id}/verify`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const isWithin = (path: string, area: string) => path === area || path.startsWith(`${area}/`);

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  for (const [username, displayName, roles, scopeRegionCode] of [
    ['honest-worker', '诚实网格员', ['grid_worker'], '320281'],
    ['draw-supervisor', '督查员（另一街道）', ['supervisor'], OTHER_TOWN_COMMUNITY.slice(0, 9)],
  ] as const) {
    const created = await w.admin.post('/api/users', {
      username,
      displayName,
      password: 'yiwang2026demo',
      roles,
      scopeRegionCode,
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  honestWorker = await w.t.login('honest-worker', 'yiwang2026demo');
  otherTownSupervisor = await w.t.login('draw-supervisor', 'yiwang2026demo');
  inspectors = [];
  for (const client of [w.operator, w.workstation, otherTownSupervisor]) {
    const r = await leader.post('/api/assessment/inspectors', { userId: client.session.user.id });
    expect(r.statusCode, r.body).toBe(201);
    inspectors.push(r.json());
  }

  // As in detection-flags.test.ts: honest grids report 7 hard and 2 easy matters; the hiding
  // grid's worker reports no hard matter (a resident finds one) but a burst of five easy ones.
  const grids = [...(await baseGridsOf(w, DEMO_COMMUNITY)), ...(await baseGridsOf(w, OTHER_TOWN_COMMUNITY))];
  expect(grids.length).toBeGreaterThanOrEqual(6);
  [hider, ...honest] = grids.slice(0, 6) as [typeof hider, ...(typeof hider)[]];
  for (const grid of honest.slice(0, 4)) {
    for (let n = 0; n < 7; n++) await plant(honestWorker, grid, HARD, n);
    for (let n = 0; n < 2; n++) await plant(honestWorker, grid, EASY[n] as object, n);
  }
  await reportOk(w.resident, { description: '楼顶搭彩钢棚', point: spot(hider.point, 4), ...HARD });
  for (const [n, easy] of EASY.entries()) await plant(w.gridworker, hider, easy, n);
});
afterAll(() => w.t.close());

describe('a 双随机 draw weights the grids the detector flags, without typing them in', () => {
  let draw: Draw;

  it('names the planted grid as flagged, by its signals, and keeps a grid typed in as an addition', async () => {
    const typedIn = honest[0] as (typeof honest)[0];
    draw = await drawOk({
      period: '2026-12',
      publicValue: '2026-12-03 体彩排列五 60183',
      flagWindow: { period: 'day', from: today() },
      flaggedGridCodes: [typedIn.code],
      shares: { grid: 1, unit: 0, case: 0 },
    });
    expect(draw.flagWindow).toEqual({ period: 'day', firstDay: today() });
    const flaggedHider = draw.flaggedGrids.find((g) => g.gridCode === hider.code);
    expect(flaggedHider, JSON.stringify(draw.flaggedGrids)).toMatchObject({ typedIn: false });
    expect(flaggedHider?.kinds).toEqual(expect.arrayContaining(['hidden-hard', 'padding-burst']));
    expect(draw.flaggedGrids.find((g) => g.gridCode === typedIn.code)).toEqual({
      gridCode: typedIn.code,
      kinds: [],
      typedIn: true,
    });
    // Only the typed-in grid is in the parameters: the detector's grids live in the snapshot.
    expect(draw.parameters.flaggedGridCodes).toEqual([typedIn.code]);
    // The honest grids the detector passes are not weighted.
    for (const grid of honest.slice(1, 4)) {
      expect(draw.flaggedGrids.some((g) => g.gridCode === grid.code)).toBe(false);
    }
    expect(draw.pairs.some((p) => p.targetKind === 'grid' && p.targetCode === hider.code)).toBe(true);
  });

  it('recusal still holds: the flagged grid goes to an inspector from another town', async () => {
    const byId = new Map(inspectors.map((i) => [i.userId, i]));
    for (const pair of draw.pairs) {
      const inspector = byId.get(pair.inspectorId) as Inspector;
      expect(isWithin(pair.targetPath, inspector.areaPath), `${pair.targetCode} ← ${inspector.displayName}`).toBe(
        false,
      );
      if (pair.targetPath.includes('/')) expect(isWithin(inspector.areaPath, pair.targetPath)).toBe(false);
    }
    const hiderPair = draw.pairs.find((p) => p.targetCode === hider.code);
    expect(hiderPair?.inspectorId).toBe(otherTownSupervisor.session.user.id);
  });

  it('a re-run gives the same list and the same flagged grids after the flags have changed', async () => {
    expect(await verify(draw)).toMatchObject({ matches: true, recomputedPairCount: draw.pairs.length });
    // A new burst in an honest grid: the detector now flags it too.
    const newlyFlagged = honest[4] as (typeof honest)[0];
    for (const [n, easy] of EASY.entries()) await plant(honestWorker, newlyFlagged, easy, n);
    const flags: DetectionFlags = (await leader.get(`/api/assessment/flags?period=day&from=${today()}`)).json();
    expect(flags.flags.some((f) => f.gridCode === newlyFlagged.code)).toBe(true);

    const check = await verify(draw);
    expect(check).toMatchObject({ matches: true, snapshotHash: draw.snapshotHash });
    const again: Draw = (await leader.get(`/api/assessment/draws/${draw.id}`)).json();
    expect(again.flaggedGrids).toEqual(draw.flaggedGrids);
    expect(again.pairs.map((p) => [p.position, p.targetCode, p.inspectorId])).toEqual(
      draw.pairs.map((p) => [p.position, p.targetCode, p.inspectorId]),
    );
    // A new draw reads the flags as they are now.
    const next = await drawOk({ period: '2026-12 补抽', flagWindow: { period: 'day', from: today() } });
    expect(next.flaggedGrids.map((g) => g.gridCode)).toEqual(expect.arrayContaining([hider.code, newlyFlagged.code]));
    expect((await verify(next)).matches).toBe(true);
  });

  it('by default reads the last whole month: today’s planted flags do not weight it', async () => {
    const monthStart = new Date(`${today().slice(0, 7)}-01T00:00:00+08:00`);
    const previousMonth = chinaDayOf(new Date(monthStart.getTime() - 1)).slice(0, 7);
    const plain = await drawOk({ period: '2026-12 例行' });
    expect(plain.flagWindow).toEqual({ period: 'month', firstDay: `${previousMonth}-01` });
    expect(plain.flaggedGrids.some((g) => g.gridCode === hider.code)).toBe(false);
    expect((await verify(plain)).matches).toBe(true);
  });

  it('a bad flag window is a 400 and nothing is drawn', async () => {
    const before = (await leader.get('/api/assessment/draws')).json().items.length;
    const badDay = await leader.post('/api/assessment/draws', {
      period: 'x',
      flagWindow: { period: 'month', from: '2026-02-30' },
    });
    expect(badDay.statusCode, badDay.body).toBe(400);
    const badKind = await leader.post('/api/assessment/draws', {
      period: 'x',
      flagWindow: { period: 'year', from: today() },
    });
    expect(badKind.statusCode).toBe(400);
    expect((await leader.get('/api/assessment/draws')).json().items).toHaveLength(before);
  });
});
