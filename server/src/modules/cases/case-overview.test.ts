import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import type { Position } from '../grids/geometry/index.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  OTHER_TOWN_COMMUNITY,
  reportOk,
} from './cases.test-helpers.js';
import { processDueTimers } from './use-cases/process-due-timers.js';

/** Issue 14 item 1: the workbench's live counts, each equal to the list behind it. */

let w: CaseWorld;
let grid: { code: string; point: Position };
let otherGrid: { code: string; point: Position };
let spot = 0;
const nextPoint = (g = grid) => {
  spot += 1;
  return at(g.point, (spot % 6) * 70 - 200, Math.floor(spot / 6) * 70 - 200);
};

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
  [otherGrid] = (await baseGridsOf(w, OTHER_TOWN_COMMUNITY)) as [typeof otherGrid];
});
afterAll(() => w.t.close());

type Overview = {
  day: string;
  dayStart: string;
  byState: { state: string; count: number }[];
  open: number;
  warning: number;
  overdue: number;
  reportedToday: number;
  closedToday: number;
};
const overview = async (client: CaseWorld['operator']): Promise<Overview> => {
  const r = await client.get('/api/case-overview');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const listTotal = async (client: CaseWorld['operator'], query: string): Promise<number> => {
  const r = await client.get(`/api/cases?${query}&limit=1`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().total;
};

describe('case overview (GET /api/case-overview)', () => {
  it('counts what the lists behind the numbers hold, and moves with a new report', async () => {
    const before = await overview(w.operator);
    expect(before.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(before.dayStart).getTime()).toBeLessThanOrEqual(Date.now());

    await reportOk(w.operator, {
      matterCode: 'CG-0104',
      description: '路灯不亮',
      point: nextPoint(),
      formAnswers: { hazard: 'none' },
    });
    const after = await overview(w.operator);
    expect(after.reportedToday).toBe(before.reportedToday + 1);
    expect(after.open).toBe(before.open + 1);

    // Every number is a list filter with the same total.
    const day = encodeURIComponent(after.dayStart);
    expect(await listTotal(w.operator, `reportedFrom=${day}`)).toBe(after.reportedToday);
    expect(await listTotal(w.operator, `closedFrom=${day}`)).toBe(after.closedToday);
    expect(await listTotal(w.operator, 'open=true')).toBe(after.open);
    expect(await listTotal(w.operator, 'open=true&timeState=warning')).toBe(after.warning);
    expect(await listTotal(w.operator, 'open=true&timeState=overdue')).toBe(after.overdue);
    for (const { state, count } of after.byState) {
      expect(await listTotal(w.operator, `state=${state}`)).toBe(count);
    }
    expect(after.byState.reduce((sum, s) => sum + s.count, 0)).toBe(after.open);
  });

  it('counts a case that runs past its limit as red, and a closed one as closed today', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0104',
      description: '巡查发现',
      point: nextPoint(),
      formAnswers: { hazard: 'risk' },
    });
    const code = intake.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    const before = await overview(w.operator);
    await processDueTimers(w.t.database.db, new Date(Date.now() + 60 * 24 * 3_600_000));
    const after = await overview(w.operator);
    expect(after.overdue).toBeGreaterThan(before.overdue);
    const red = await w.operator.get('/api/cases?open=true&timeState=overdue&limit=500');
    expect(red.json().items.map((c: { code: string }) => c.code)).toContain(code);
    expect(red.json().total).toBe(after.overdue);

    const points = (await w.operator.get('/api/case-points')).json();
    const point = points.items.find((p: { code: string }) => p.code === code);
    expect(point).toMatchObject({ timeState: 'overdue', state: 'dispatched' });
    expect(Object.keys(point).sort()).toEqual(['code', 'lat', 'lon', 'state', 'timeState']);
    expect(points.truncated).toBe(false);

    // A dispute mediated by the workstation and checked on site: closed today.
    const dispute = await reportOk(w.gridworker, {
      matterCode: 'ZZ-0101',
      description: '楼道堆物争吵',
      point: nextPoint(),
      formAnswers: { parties: 2, intensity: 'calm' },
    });
    const ws = w.unitId('320281001001-WS');
    await commandOk(w.workstation, dispute.case.code, { type: 'register' });
    await commandOk(w.workstation, dispute.case.code, { type: 'dispatch', unitId: ws });
    await commandOk(w.workstation, dispute.case.code, { type: 'accept' });
    await commandOk(w.workstation, dispute.case.code, { type: 'submit_feedback', text: '已调解' });
    await commandOk(w.gridworker, dispute.case.code, { type: 'verify_pass', note: '已清理' });
    const closed = await overview(w.operator);
    expect(closed.closedToday).toBe(after.closedToday + 1);
    const list = await w.operator.get(`/api/cases?closedFrom=${encodeURIComponent(closed.dayStart)}&limit=500`);
    expect(list.json().items.map((c: { code: string }) => c.code)).toContain(dispute.case.code);
    expect(list.json().total).toBe(closed.closedToday);
  });

  it('keeps to the scope: another town’s case is not counted, a handler counts their unit’s, a resident none', async () => {
    const before = await overview(w.operator);
    const other = await reportOk(w.cityOperator, {
      matterCode: 'CG-0104',
      description: '别镇',
      point: nextPoint(otherGrid),
      formAnswers: { hazard: 'none' },
    });
    expect((await overview(w.operator)).reportedToday).toBe(before.reportedToday);
    const codes = (await w.operator.get('/api/case-points')).json().items.map((p: { code: string }) => p.code);
    expect(codes).not.toContain(other.case.code);

    const handler = await overview(w.handler);
    expect(handler.open).toBe(await listTotal(w.handler, 'open=true'));
    expect((await w.resident.get('/api/case-overview')).statusCode).toBe(403);
    expect((await w.resident.get('/api/case-points')).statusCode).toBe(403);
  });

  it('caps the points at the limit and says so', async () => {
    const r = (await w.operator.get('/api/case-points?limit=1')).json();
    expect(r.items).toHaveLength(1);
    expect(r.truncated).toBe(true);
  });
});

describe('possible duplicates of the intake queue (GET /api/case-queues → possibleDuplicates)', () => {
  type Queues = { items: { queue: string; count: number }[]; possibleDuplicates?: number };
  const queues = async (client: CaseWorld['operator']): Promise<Queues> => {
    const r = await client.get('/api/case-queues');
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const listed = async (client: CaseWorld['operator']) => {
    const r = await client.get('/api/cases?queue=intake&possibleDuplicate=true&limit=500');
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { items: { code: string }[]; total: number };
  };

  it('counts exactly the intake cases the case page suggests a duplicate for, and lists them', async () => {
    const before = await queues(w.workstation);
    expect(before.possibleDuplicates).toBe((await listed(w.workstation)).total);
    // A community-level matter: the workstation commands it. 40 m apart is beyond the confident 30 m
    // of the 50 m radius, so both stay cases, each suggesting the other.
    const base = at(grid.point, 105, 125);
    const first = await reportOk(w.operator, { matterCode: 'CG-0306', description: '路边有死猫', point: base });
    const second = await reportOk(w.operator, {
      matterCode: 'CG-0306',
      description: '死猫',
      point: at(grid.point, 145, 125),
    });
    const alone = await reportOk(w.operator, {
      matterCode: 'CG-0306',
      description: '又一只',
      point: at(grid.point, -165, -165),
    });
    expect(second.outcome).toBe('created');

    const after = await queues(w.workstation);
    expect(after.possibleDuplicates).toBe((before.possibleDuplicates ?? 0) + 2);
    const list = await listed(w.workstation);
    expect(list.total).toBe(after.possibleDuplicates);
    const codes = list.items.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining([first.case.code, second.case.code]));
    expect(codes).not.toContain(alone.case.code);
    // Each listed case is one the case page suggests a duplicate for.
    for (const code of codes) {
      const detail = (await w.workstation.get(`/api/cases/${code}`)).json();
      expect(detail.duplicateSuggestions.length, code).toBeGreaterThan(0);
    }

    // Judged apart: neither is a possible duplicate any more.
    const apart = await w.workstation.post(`/api/cases/${second.case.code}/keep-apart`, {
      caseCode: first.case.code,
    });
    expect(apart.statusCode, apart.body).toBe(204);
    expect((await queues(w.workstation)).possibleDuplicates).toBe(before.possibleDuplicates);
    expect((await listed(w.workstation)).items.map((i) => i.code)).not.toContain(first.case.code);
  });

  it('is only on a desk with the intake queue', async () => {
    expect((await queues(w.handler)).possibleDuplicates).toBeUndefined();
    expect((await queues(w.operator)).possibleDuplicates).toBeGreaterThanOrEqual(0);
  });
});
