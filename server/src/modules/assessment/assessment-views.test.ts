import type { IndicatorCases, IndicatorTrend, MyScores } from '@yiwang/contracts';
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
  reportOk,
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

let w: CaseWorld;
let leader: Client;
let grid: { code: string; point: Position };
let voided: string;
let kept: string;
const today = () => chinaDayOf(new Date());

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
  kept = (
    await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: at(grid.point, 10, 10),
      formAnswers: { hazard: 'risk' },
    })
  ).case.code;
  voided = (
    await reportOk(w.gridworker, {
      matterCode: 'CG-0105',
      description: '灯杆倾斜（误报）',
      point: at(grid.point, -10, -10),
      formAnswers: { hazard: 'risk' },
    })
  ).case.code;
  await commandOk(w.operator, voided, { type: 'void', reason: '现场无此问题' });
});
afterAll(() => w.t.close());

describe('the cases behind a number', () => {
  it('a grid’s valid-report rate today lists both reports, the voided one counting against it first', async () => {
    const r = await leader.get(
      `/api/assessment/indicators/cases?level=grid&key=${grid.code}&indicator=validReportRate&period=day&from=${today()}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const body: IndicatorCases = r.json();
    const codes = body.cases.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining([voided, kept]));
    expect(body.cases[0]).toMatchObject({ code: voided, against: true, numerator: 0, denominator: 1 });
    expect(body.cases.find((c) => c.code === kept)).toMatchObject({ against: false, numerator: 1, denominator: 1 });
    // The number and its cases agree: as many cases in the denominator as the value says.
    expect(body.value.denominator).toBe(body.cases.reduce((n, c) => n + c.denominator, 0));
  });

  it('pages by key: one case a page, in the list’s order, every case once, the last page without nextAfter', async () => {
    const url = `/api/assessment/indicators/cases?level=grid&key=${grid.code}&indicator=validReportRate&period=day&from=${today()}`;
    const whole: IndicatorCases = (await leader.get(url)).json();
    expect(whole.total).toBe(whole.cases.length);
    expect(whole.nextAfter).toBeUndefined();
    const paged: string[] = [];
    let after: string | undefined;
    for (let i = 0; i <= whole.total; i += 1) {
      const r = await leader.get(`${url}&limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const page: IndicatorCases = r.json();
      expect(page.total).toBe(whole.total);
      expect(page.value).toEqual(whole.value);
      paged.push(...page.cases.map((c) => c.code));
      after = page.nextAfter;
      if (!after) break;
    }
    expect(paged).toEqual(whole.cases.map((c) => c.code));
    expect(paged[0]).toBe(voided);
    const bad = await leader.get(`${url}&after=nonsense`);
    expect(bad.statusCode).toBe(400);
  });

  it('a unit outside the caller’s scope is not found; a bad day is a 400', async () => {
    const [other] = await baseGridsOf(w, '320281004001');
    const r = await w.operator.get(
      `/api/assessment/indicators/cases?level=grid&key=${other?.code}&indicator=reportCount&period=day`,
    );
    expect(r.statusCode).toBe(404);
    const bad = await leader.get(
      `/api/assessment/indicators/cases?level=grid&key=${grid.code}&indicator=reportCount&period=day&from=2026-02-30`,
    );
    expect(bad.statusCode).toBe(400);
  });
});

describe('the ranking with its trend', () => {
  it('gives every grid a value per period, oldest first, ranked by the last', async () => {
    const r = await leader.get(`/api/assessment/indicators/trend?level=grid&indicator=reportCount&period=day&count=3`);
    expect(r.statusCode, r.body).toBe(200);
    const trend: IndicatorTrend = r.json();
    expect(trend.periods.map((p) => p.firstDay).at(-1)).toBe(today());
    expect(trend.periods).toHaveLength(3);
    const mine = trend.series.find((s) => s.key === grid.code);
    expect(mine?.values).toHaveLength(3);
    expect(mine?.values[2]?.numerator).toBeGreaterThanOrEqual(2);
    const ranks = trend.series.map((s) => s.rank).filter((x): x is number => x !== null);
    expect(ranks[0]).toBe(1);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('a grid worker’s own scores', () => {
  it('the grid worker sees their score with its lines, and the voided report among the cases behind it', async () => {
    const r = await w.gridworker.get('/api/assessment/my-scores?period=month');
    expect(r.statusCode, r.body).toBe(200);
    const mine: MyScores = r.json();
    expect(mine.score?.key).toBe(w.gridworker.session.user.id);
    const invalid = mine.score?.lines.find((l) => l.cases.some((c) => c.code === voided));
    expect(invalid?.points).toBeLessThan(0);
  });

  it('is only for grid-team members (a leader reads the tables instead)', async () => {
    expect((await leader.get('/api/assessment/my-scores?period=month')).statusCode).toBe(403);
  });
});
