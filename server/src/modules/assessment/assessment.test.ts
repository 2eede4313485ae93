import type { AccountabilityTable, IndicatorTable, InspectionBooking } from '@yiwang/contracts';
import ExcelJS from 'exceljs';
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
} from '../cases/cases.test-helpers.js';
import type { Position } from '../grids/geometry/index.js';

let w: CaseWorld;
let leader: Client;
let workerGrid: { code: string; point: Position };
const DEMO_TOWN = DEMO_COMMUNITY.slice(0, 9);
const OTHER_TOWN = OTHER_TOWN_COMMUNITY.slice(0, 9);
const today = () => chinaDayOf(new Date());
/** A day some weeks ahead (bookings may not be in the past), and the day after it. */
const farDay = (offsetDays: number) => chinaDayOf(new Date(Date.now() + offsetDays * 86_400_000));

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  leader = await w.t.login('leader');
  [workerGrid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof workerGrid];
});
afterAll(() => w.t.close());

async function indicators(client: Client, level: string, period = 'day'): Promise<IndicatorTable> {
  const r = await client.get(`/api/assessment/indicators?level=${level}&period=${period}&from=${today()}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('the indicator table through the API', () => {
  it('two reports by the grid worker today, one voided as false: reports +2, valid +1, registered +1', async () => {
    const worker = w.gridworker.session.user.id;
    const before = (await indicators(leader, 'worker')).rows.find((r) => r.key === worker);
    const first = await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: at(workerGrid.point, -120, 40),
      formAnswers: { hazard: 'risk' },
    });
    const second = await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失（误报）',
      point: at(workerGrid.point, 140, -60),
      formAnswers: { hazard: 'risk' },
    });
    await commandOk(w.operator, first.case.code, { type: 'register' });
    await commandOk(w.operator, second.case.code, { type: 'void', reason: '现场无此问题' });

    const after = (await indicators(leader, 'worker')).rows.find((r) => r.key === worker);
    expect(after?.name).toBe(w.gridworker.session.user.displayName);
    const n = (v: { numerator: number } | undefined) => v?.numerator ?? 0;
    const dn = (v: { denominator: number | null } | undefined) => v?.denominator ?? 0;
    expect(n(after?.values.reportCount) - n(before?.values.reportCount)).toBe(2);
    expect(dn(after?.values.validReportRate) - dn(before?.values.validReportRate)).toBe(2);
    expect(n(after?.values.validReportRate) - n(before?.values.validReportRate)).toBe(1);
    expect(n(after?.values.registrationRate) - n(before?.values.registrationRate)).toBe(1);
  });

  it('a town operator sees only their town; a leader sees every town of the county', async () => {
    const theirs = await indicators(w.operator, 'town');
    expect(theirs.rows.map((r) => r.key)).toEqual([DEMO_TOWN]);
    expect(theirs.rows[0]?.name).toBe('澄江街道');
    await reportOk(w.resident, {
      matterCode: 'CG-0101',
      description: '井盖缺失',
      point: at(((await baseGridsOf(w, OTHER_TOWN_COMMUNITY))[0] as { point: Position }).point, 30, 30),
      formAnswers: { hazard: 'risk' },
    });
    const county = await indicators(leader, 'town');
    expect(county.rows.map((r) => r.key)).toEqual(expect.arrayContaining([DEMO_TOWN, OTHER_TOWN]));
    expect(county.period).toMatchObject({ kind: 'day', firstDay: today() });
  });

  it('a grid worker may not read the table; a bad level or day is a 400 naming the field', async () => {
    expect((await w.gridworker.get(`/api/assessment/indicators?level=grid&period=day`)).statusCode).toBe(403);
    const badLevel = await leader.get('/api/assessment/indicators?level=planet&period=day');
    expect(badLevel.statusCode).toBe(400);
    const badDay = await leader.get('/api/assessment/indicators?level=grid&period=week&from=2026-02-30');
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.details[0].field).toBe('from');
  });

  it('exports the table as a workbook with each KPI’s counter-metric in its header (audited)', async () => {
    const r = await leader.get(`/api/assessment/indicators/export.xlsx?level=town&period=month&from=${today()}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as string[]).filter(Boolean);
    expect(header).toContain('按期结案率（%，对照：重办率）');
    expect(sheet.getColumn(1).values).toContain('澄江街道');
  });
});

describe('the accountability table', () => {
  it('lists the departments and towns of the month; a department handed a case appears', async () => {
    const r = await leader.get('/api/assessment/accountability');
    expect(r.statusCode, r.body).toBe(200);
    const table: AccountabilityTable = r.json();
    expect(table.rows.some((row) => row.kind === 'town' && row.key === DEMO_TOWN)).toBe(true);
    const x = await leader.get(`/api/assessment/accountability/export.xlsx?month=${today().slice(0, 7)}`);
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['部门与街道考核', '问责清单']);
    expect((await leader.get('/api/assessment/accountability?month=2026-13')).statusCode).toBe(400);
  });
});

describe('the inspection calendar and its load limit', () => {
  const book = (client: Client, body: Record<string, unknown>) =>
    client.request({ method: 'POST', url: '/api/inspections', payload: body });

  it('a second booking on a community’s full day is refused, naming the booking already there', async () => {
    const day = farDay(30);
    const first = await book(leader, {
      communityCode: DEMO_COMMUNITY,
      day,
      kind: 'routine',
      team: '市城管局督查组',
      purpose: '市容环境例行检查',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect((first.json() as InspectionBooking).communityName).toBe('文定社区居委会');

    const second = await book(w.operator, {
      communityCode: DEMO_COMMUNITY,
      day,
      kind: 'special',
      team: '街道安监办',
      purpose: '消防安全专项检查',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('inspection-daily-limit');
    expect(second.json().error.message).toContain('市城管局督查组');
    expect(second.json().error.message).toContain(day);

    const calendar = await leader.get(`/api/inspections?from=${day}&to=${day}`);
    expect(calendar.json().items.map((i: InspectionBooking) => i.team)).toEqual(['市城管局督查组']);
    expect(calendar.json().settings).toMatchObject({ maxPerDay: 1, maxPerWeek: 2, routineSuspended: false });
  });

  it('cancelling frees the place', async () => {
    const day = farDay(45);
    const first = await book(leader, {
      communityCode: DEMO_COMMUNITY,
      day,
      kind: 'routine',
      team: 'A组',
      purpose: '检查',
    });
    expect((await leader.delete(`/api/inspections/${first.json().id}`)).statusCode).toBe(204);
    const again = await book(leader, {
      communityCode: DEMO_COMMUNITY,
      day,
      kind: 'routine',
      team: 'B组',
      purpose: '检查',
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('the county suspends routine inspections: a routine booking is refused, a special one is not', async () => {
    const suspend = await leader.request({
      method: 'PUT',
      url: '/api/inspections/settings',
      payload: { maxPerDay: 2, maxPerWeek: 4, routineSuspended: true, suspendedReason: '防汛应急' },
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    const day = farDay(60);
    const routine = await book(leader, {
      communityCode: OTHER_TOWN_COMMUNITY,
      day,
      kind: 'routine',
      team: 'C组',
      purpose: '例行',
    });
    expect(routine.statusCode).toBe(409);
    expect(routine.json().error.message).toContain('防汛应急');
    const special = await book(leader, {
      communityCode: OTHER_TOWN_COMMUNITY,
      day,
      kind: 'special',
      team: 'D组',
      purpose: '防汛检查',
    });
    expect(special.statusCode, special.body).toBe(201);
    // Only the county decides: a town operator may not (no permission), a suspension needs its reason.
    const byOperator = await w.operator.request({
      method: 'PUT',
      url: '/api/inspections/settings',
      payload: { maxPerDay: 5, maxPerWeek: 9, routineSuspended: false },
    });
    expect(byOperator.statusCode).toBe(403);
    const noReason = await leader.request({
      method: 'PUT',
      url: '/api/inspections/settings',
      payload: { maxPerDay: 1, maxPerWeek: 2, routineSuspended: true },
    });
    expect(noReason.statusCode).toBe(400);
  });

  it('a community out of scope is an unknown reference (422); a past day and bad input are 400s', async () => {
    const outOfScope = await book(w.operator, {
      communityCode: OTHER_TOWN_COMMUNITY,
      day: farDay(20),
      kind: 'special',
      team: 'E组',
      purpose: '检查',
    });
    expect(outOfScope.statusCode).toBe(422);
    const past = await book(leader, {
      communityCode: DEMO_COMMUNITY,
      day: '2020-01-01',
      kind: 'special',
      team: 'F',
      purpose: '检查',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ field: 'day' });
    const empty = await book(leader, {
      communityCode: DEMO_COMMUNITY,
      day: farDay(20),
      kind: 'routine',
      team: '',
      purpose: '',
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe('scoring rules as versioned configuration, and scores explained down to the cases', () => {
  it('the default is in force until the county saves its own; each save is a new version', async () => {
    const first = (await leader.get('/api/assessment/scoring-rules')).json();
    expect(first.current.version).toBe(0);
    const rules = [
      { kind: 'threshold', indicator: 'registrationRate', atLeast: 90, points: 40, perPointBelow: 2 },
      { kind: 'per-case', event: 'invalid-report', points: -1 },
    ];
    const saved = await leader.post('/api/assessment/scoring-rules', { rules, note: '2026 年度细则' });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ version: 1, rules });
    const again = await leader.post('/api/assessment/scoring-rules', { rules: rules.slice(1), note: '只扣虚报' });
    expect(again.json().version).toBe(2);
    const list = (await leader.get('/api/assessment/scoring-rules')).json();
    expect(list.current.version).toBe(2);
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([2, 1, 0]);

    expect((await w.operator.post('/api/assessment/scoring-rules', { rules, note: 'x' })).statusCode).toBe(403);
    const tooHigh = await leader.post('/api/assessment/scoring-rules', {
      rules: [{ kind: 'threshold', indicator: 'closureRate', atLeast: 120, points: 1, perPointBelow: 1 }],
      note: 'x',
    });
    expect(tooHigh.statusCode).toBe(400);
  });

  it('a grid worker’s false report costs a point under version 1, and the line names the case', async () => {
    const falseReport = await reportOk(w.gridworker, {
      matterCode: 'CG-0101',
      description: '井盖缺失（核实为误报）',
      point: at(workerGrid.point, 60, 150),
      formAnswers: { hazard: 'risk' },
    });
    await commandOk(w.operator, falseReport.case.code, { type: 'void', reason: '现场无此问题' });
    const r = await leader.get(`/api/assessment/scores?level=worker&period=day&from=${today()}&version=1`);
    expect(r.statusCode, r.body).toBe(200);
    const row = r.json().rows.find((x: { key: string }) => x.key === w.gridworker.session.user.id);
    const line = row.lines.find((l: { rule: { kind: string } }) => l.rule.kind === 'per-case');
    expect(line.text['zh-CN']).toBe('每次虚报（上报被作废为无效） 扣 1 分');
    expect(line.cases.map((c: { code: string }) => c.code)).toContain(falseReport.case.code);
    expect(line.points).toBe(-line.cases.length);
    expect(row.total).toBe(row.lines.reduce((n: number, l: { points: number }) => n + l.points, 0));
    expect((await leader.get(`/api/assessment/scores?level=worker&period=day&version=99`)).statusCode).toBe(404);
  });
});
