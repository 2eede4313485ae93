import type { FairScoreRow, FairScoreTable } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '../../platform/china-day.js';
import { type Client, createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  reportOk,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

let w: CaseWorld;
let leader: Client;
let workerGrid: { code: string; point: Position };
const today = () => chinaDayOf(new Date());

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  // The demo's grid worker holds the grid-worker post of 文定社区's first grid.
  [workerGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof workerGrid];
});
afterAll(() => w.t.close());

async function fairScores(client: Client, level: 'grid' | 'worker'): Promise<FairScoreTable> {
  const r = await client.get(`/api/assessment/fair-scores?level=${level}&period=day&from=${today()}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const rowOf = (table: FairScoreTable, key: string): FairScoreRow | undefined => table.rows.find((r) => r.key === key);

describe('fair scores through the API', () => {
  it('the grid worker’s solved report earns its weight; a hard matter a resident found there costs the grid and its worker', async () => {
    // 路灯杆破损: difficulty 2, urban + power, town level → 2² × 1.5 × 1.25 = 7.5 (by hand).
    const own = await reportOk(w.gridworker, {
      matterCode: 'CG-0105',
      description: '灯杆倾斜',
      point: at(workerGrid.point, 20, -20),
      formAnswers: { hazard: 'risk' },
    });
    expect(own.outcome).toBe('created');
    const code = own.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    await commandOk(w.handler, code, { type: 'accept' });
    const photoId = await uploadPhoto(w.handler);
    await commandOk(w.handler, code, { type: 'submit_feedback', text: '已扶正', photoIds: [photoId] });
    expect(await commandOk(w.gridworker, code, { type: 'verify_pass' })).toBe('closed');

    // 违章搭建 found by a resident, never reported by the grid: difficulty 5, three departments, town → 25 × 2 × 1.25 = 62.5.
    const hidden = await reportOk(w.resident, {
      matterCode: 'CG-0707',
      description: '楼顶有人在搭彩钢棚',
      point: at(workerGrid.point, -30, 30),
      formAnswers: { structure: 'steel_shed', stage: 'building' },
    });
    expect(hidden.outcome).toBe('created');

    const grids = await fairScores(leader, 'grid');
    const grid = rowOf(grids, workerGrid.code);
    expect(grid?.lines[0]?.cases).toContainEqual(expect.objectContaining({ code, weight: 7.5, points: 7.5 }));
    expect(grid?.lines[1]?.cases).toEqual([
      expect.objectContaining({ code: hidden.case.code, weight: 62.5, points: -62.5 }),
    ]);
    expect(grid?.lines[1]?.cases[0]?.why['zh-CN']).toBe('违章搭建：难度 5² × 部门 3 个 2 × 镇（街道）级 1.25 = 62.5');
    expect(grid?.total).toBe((grid?.lines[0]?.points ?? 0) - 62.5);
    expect(grid?.name).not.toBe(workerGrid.code);
    // Count rank and fair rank side by side, best fair score first.
    expect(grids.rows.map((r) => r.fairRank)).toEqual([...grids.rows.map((r) => r.fairRank)].sort((a, b) => a - b));
    expect(grid?.countRank).toBeGreaterThanOrEqual(1);

    const workers = await fairScores(leader, 'worker');
    const worker = rowOf(workers, w.gridworker.session.user.id);
    expect(worker?.name).toBe(w.gridworker.session.user.displayName);
    expect(worker?.plainCount).toBeGreaterThanOrEqual(1);
    expect(worker?.lines[1]?.points).toBe(-62.5);
  });

  it('in scope only: a town operator does not see a grid of another town; bad input is a 400, no permission a 403', async () => {
    const [otherGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [{ code: string; point: Position }];
    await reportOk(w.resident, {
      matterCode: 'ZZ-0306',
      description: '一套房隔成了十间出租',
      point: at(otherGrid.point, 10, 10),
      formAnswers: { address: '3 幢 101', partitioned: 'yes' },
    });
    expect(rowOf(await fairScores(leader, 'grid'), otherGrid.code)?.lines[1]?.points).toBe(-62.5);
    expect(rowOf(await fairScores(w.operator, 'grid'), otherGrid.code)).toBeUndefined();

    const bad = await leader.get('/api/assessment/fair-scores?level=town&period=day');
    expect(bad.statusCode).toBe(400);
    const badDay = await leader.get('/api/assessment/fair-scores?level=grid&period=day&from=2026-02-30');
    expect(badDay.statusCode).toBe(400);
    expect((await w.gridworker.get('/api/assessment/fair-scores?level=grid&period=day')).statusCode).toBe(403);
  });
});
