import type { FlagList } from '@yiwang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf } from '../../platform/china-day.js';
import { type Client, createTestApp } from '../../test/app.js';
import { at, baseGridsOf, type CaseWorld, caseWorld, DEMO_COMMUNITY, reportOk } from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

let w: CaseWorld;
let leader: Client;
let grid: { code: string; point: Position };
const today = () => chinaDayOf(new Date());

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(() => w.t.close());

async function flags(client: Client, query: string): Promise<FlagList> {
  const r = await client.get(`/api/assessment/flags?period=day&from=${today()}${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('GET /api/assessment/flags', () => {
  it('three hard matters residents found in a grid whose team reported none: a capture–recapture flag with the three cases', async () => {
    const codes: string[] = [];
    for (const [east, north] of [
      [-60, -60],
      [60, 60],
      [0, 0],
    ] as const) {
      const r = await reportOk(w.resident, {
        matterCode: 'CG-0707',
        description: '有人在搭彩钢棚',
        point: at(grid.point, east, north),
        formAnswers: { structure: 'steel_shed', stage: 'building' },
      });
      expect(r.outcome).toBe('created');
      codes.push(r.case.code);
    }
    const list = await flags(leader, `&grid=${grid.code}`);
    const flag = list.flags.find((f) => f.kind === 'low-share');
    // Chapman by hand: team 0, others 3, both 0 → (0 + 1)(3 + 1)/(0 + 1) − 1 = 3, the team's share 0.
    expect(flag).toMatchObject({ subjectKind: 'grid', subject: grid.code, gridCode: grid.code });
    expect(flag?.numbers).toMatchObject({ team: 0, others: 3, both: 0, estimate: 3, share: 0 });
    expect([...(flag?.caseCodes ?? [])].sort()).toEqual([...codes].sort());
    expect(flag?.gridName).not.toBe(grid.code);
    expect(flag?.evidence['zh-CN']).toContain('网格发现比例 0.0%');
    // Every flag listed for the grid points at it.
    expect(list.flags.every((f) => f.gridCode === grid.code)).toBe(true);
  });

  it('in scope only; bad input 400; no permission 403', async () => {
    const town = await flags(w.operator, '');
    expect(town.flags.every((f) => f.gridCode === null || f.gridCode.startsWith('320281001'))).toBe(true);
    expect((await leader.get('/api/assessment/flags?period=year')).statusCode).toBe(400);
    expect((await leader.get('/api/assessment/flags?period=day&from=2026-02-30')).statusCode).toBe(400);
    expect((await w.gridworker.get('/api/assessment/flags?period=day')).statusCode).toBe(403);
  });
});
