import type { DetectionFlags } from '@yiwang/contracts';
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

let w: CaseWorld;
let leader: Client;
let honestWorker: Client;
let grids: { code: string; point: Position }[];
const today = () => chinaDayOf(new Date());

const HARD = { matterCode: 'CG-0707', formAnswers: { structure: 'steel_shed', stage: 'building' } }; // 违章搭建, difficulty 5
// Difficulty 1: four facilities (their form asks the hazard) and an event.
const EASY = ['CG-0103', 'CG-0111', 'CG-0112', 'CG-0202', 'CG-0302'].map((matterCode) =>
  matterCode === 'CG-0302' ? { matterCode } : { matterCode, formAnswers: { hazard: 'risk' } },
);

/** The n-th spot of a 3 × 3 lattice 25 m apart around the grid's inner point: never merged (same matter merges within 18 m). */
const spot = (point: Position, n: number) => at(point, ((n % 3) - 1) * 25, (Math.floor(n / 3) - 1) * 25);

async function plant(client: Client, grid: { code: string; point: Position }, body: object, n: number) {
  const r = await reportOk(client, { description: '现场发现', point: spot(grid.point, n), ...body } as never);
  expect(r.outcome).toBe('created');
  expect(r.case.gridCode).toBe(grid.code);
  return r.case.code;
}

async function flags(client: Client, query = ''): Promise<DetectionFlags> {
  const r = await client.get(`/api/assessment/flags?period=day&from=${today()}${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  // A second grid worker, over the county, reports honestly in the other grids.
  const created = await w.admin.post('/api/users', {
    username: 'honest-worker',
    displayName: '诚实网格员',
    password: 'yiwang2026demo',
    roles: ['grid_worker'],
    scopeRegionCode: '320281',
  });
  expect(created.statusCode, created.body).toBe(201);
  honestWorker = await w.t.login('honest-worker', 'yiwang2026demo');
  grids = [...(await baseGridsOf(w, DEMO_COMMUNITY)), ...(await baseGridsOf(w, OTHER_TOWN_COMMUNITY))];
});
afterAll(() => w.t.close());

describe('GET /api/assessment/flags on planted gaming', () => {
  it('flags a grid that reports easy matters but hides hard ones, and a padder’s burst; an honest grid is not flagged', async () => {
    expect(grids.length).toBeGreaterThanOrEqual(5);
    const [hider, ...honest] = grids.slice(0, 5) as [(typeof grids)[0], ...(typeof grids)[0][]];
    // Honest grids: 7 hard matters and 2 easy ones each, reported by their grid worker.
    for (const grid of honest) {
      for (let n = 0; n < 7; n++) await plant(honestWorker, grid, HARD, n);
      for (let n = 0; n < 2; n++) await plant(honestWorker, grid, EASY[n] as object, n);
    }
    // The hiding grid: no hard matter from its worker — a resident finds one — but a burst of
    // five easy reports within minutes at one spot (the padder).
    const found = await reportOk(w.resident, { description: '楼顶搭彩钢棚', point: spot(hider.point, 4), ...HARD });
    const burst: string[] = [];
    for (const [n, easy] of EASY.entries()) burst.push(await plant(w.gridworker, hider, easy, n));

    const result = await flags(leader);
    const hidden = result.flags.find((f) => f.kind === 'hidden-hard' && f.key === hider.code);
    expect(hidden, JSON.stringify(result.flags.map((f) => [f.kind, f.key]))).toBeDefined();
    expect(hidden?.gridName).not.toBe(hider.code);
    expect(hidden?.measure).toBeLessThan(0.01);
    expect(hidden?.cases[0]?.code).toBe(found.case.code);
    expect(hidden?.cases.map((c) => c.code)).toEqual(expect.arrayContaining(burst));
    expect(hidden?.explanation['zh-CN']).toContain('难办事项');

    const padding = result.flags.find((f) => f.kind === 'padding-burst');
    expect(padding).toMatchObject({
      level: 'worker',
      key: w.gridworker.session.user.id,
      name: w.gridworker.session.user.displayName,
      gridCode: hider.code,
      measure: 5,
    });
    expect(padding?.cases.map((c) => c.code)).toEqual(burst);
    expect(padding?.explanation['en-US']).toContain('5 easy matters');

    for (const grid of honest) expect(result.flags.filter((f) => f.gridCode === grid.code)).toEqual([]);

    // The level filter keeps only that level's flags.
    const workersOnly = await flags(leader, '&level=worker');
    expect(workersOnly.flags.length).toBeGreaterThan(0);
    expect(workersOnly.flags.every((f) => f.level === 'worker')).toBe(true);
  });

  it('in scope only: a town operator sees no flag of another town’s grid; bad input is a 400, no permission a 403', async () => {
    const otherTown = grids.filter((g) => g.code.startsWith(OTHER_TOWN_COMMUNITY)).map((g) => g.code);
    const ownTown = await flags(w.operator);
    expect(ownTown.flags.filter((f) => f.gridCode !== null && otherTown.includes(f.gridCode))).toEqual([]);
    expect((await leader.get('/api/assessment/flags?period=day&level=town')).statusCode).toBe(400);
    expect((await leader.get('/api/assessment/flags?period=day&from=2026-02-30')).statusCode).toBe(400);
    expect((await w.gridworker.get('/api/assessment/flags?period=day')).statusCode).toBe(403);
  });
});
