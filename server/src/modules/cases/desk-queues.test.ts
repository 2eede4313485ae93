import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import type { Position } from '../grids/geometry/index.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  command,
  commandOk,
  DEMO_COMMUNITY,
  detail,
  reportOk,
} from './cases.test-helpers.js';
import { processDueTimers } from './use-cases/process-due-timers.js';

/** Issue 13 items 1, 5, 6 and 12: the desk's work queues, routing after an escalation, hand supervision, hold review. */

let w: CaseWorld;
let grid: { code: string; point: Position };
let spot = 0;
const nextPoint = () => {
  spot += 1;
  return at(grid.point, (spot % 6) * 70 - 200, Math.floor(spot / 6) * 70 - 200);
};
const TOWN_CC = '320281001-CC';

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(() => w.t.close());

type Queues = { items: { queue: string; count: number }[] };
const queues = async (client: CaseWorld['operator']) => {
  const r = await client.get('/api/case-queues');
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries((r.json() as Queues).items.map((q) => [q.queue, q.count]));
};
const queueCodes = async (client: CaseWorld['operator'], queue: string) => {
  const r = await client.get(`/api/cases?queue=${queue}&limit=500`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { code: string }[]).map((c) => c.code);
};

/** An overflowing bin (a community-level matter) in 文定社区, registered by its workstation and escalated to the town. */
async function escalatedCase(): Promise<string> {
  const intake = await reportOk(w.workstation, {
    matterCode: 'CG-0302',
    description: '垃圾桶满溢，社区清运力量不足',
    point: nextPoint(),
  });
  const code = intake.case.code;
  await commandOk(w.workstation, code, { type: 'register' });
  await commandOk(w.workstation, code, { type: 'escalate', reason: '社区无清运车辆' });
  expect((await detail(w.operator, code)).case.commandUnit.code).toBe(TOWN_CC);
  return code;
}

describe('work queues (item 1)', () => {
  it('the town operator finds an escalated case in 待派遣, counted, in scope', async () => {
    const before = await queues(w.operator);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['intake', 'dispatch', 'returned', 'callback', 'whistle', 'hold_due']),
    );
    const code = await escalatedCase();
    const after = await queues(w.operator);
    expect(after.dispatch).toBe((before.dispatch ?? 0) + 1);
    expect(await queueCodes(w.operator, 'dispatch')).toContain(code);
    // The workstation escalated it: it is no longer in the workstation's queues.
    expect(await queueCodes(w.workstation, 'dispatch')).not.toContain(code);
    // The county's operator reads the case, but it is not in the county command center's queue.
    expect(await queueCodes(w.cityOperator, 'dispatch')).not.toContain(code);
  });

  it('returned, callback and whistle queues follow the case; the handler has its own', async () => {
    const intake = await reportOk(w.operator, {
      matterCode: 'CG-0303',
      description: '空地堆放渣土',
      point: nextPoint(),
    });
    const code = intake.case.code;
    expect(await queueCodes(w.operator, 'intake')).toContain(code);
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'dispatch', unitId: w.unitId('320281-urban') });
    expect(await queueCodes(w.handler, 'unit_inbox')).toContain(code);
    await commandOk(w.handler, code, { type: 'return', reason: '不属于本单位' });
    expect(await queueCodes(w.operator, 'returned')).toContain(code);
    expect(await queueCodes(w.handler, 'unit_returned')).toContain(code);
    await commandOk(w.operator, code, { type: 'review_return', decision: 'reject', note: '属于城管职责' });
    expect(await queueCodes(w.handler, 'unit_handling')).toContain(code);
    await commandOk(w.operator, code, {
      type: 'whistle',
      unitIds: [w.unitId('320281-environment')],
      arriveBy: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(await queueCodes(w.operator, 'whistle')).toContain(code);
    const handlerQueues = await queues(w.handler);
    expect(Object.keys(handlerQueues)).toEqual(
      expect.arrayContaining(['unit_inbox', 'unit_due_soon', 'unit_returned', 'unit_rework']),
    );
    expect(handlerQueues).not.toHaveProperty('dispatch');
  });

  it('refuses a queue that is not the caller’s, and a queue nobody has', async () => {
    expect((await w.handler.get('/api/cases?queue=dispatch')).statusCode).toBe(403);
    expect((await w.operator.get('/api/cases?queue=nonsense')).statusCode).toBe(400);
    expect((await w.resident.get('/api/case-queues')).json()).toEqual({ items: [] });
  });
});

describe('routing after an escalation (item 5)', () => {
  it('suggests the lead department, not the workstation that escalated the case', async () => {
    const code = await escalatedCase();
    const r = await w.operator.get(`/api/cases/${code}/routing`);
    expect(r.statusCode, r.body).toBe(200);
    const suggestion = r.json();
    expect(suggestion.unit?.code).not.toBe(`${DEMO_COMMUNITY}-WS`);
    expect(suggestion.unit).toMatchObject({ code: '320281-urban', name: '市城市管理局' });
    expect(suggestion.reason).toContain('市城市管理局');
    // Before the escalation the same case would have gone to the workstation (the rule is still right there).
    const fresh = await reportOk(w.workstation, { matterCode: 'CG-0302', description: '垃圾满溢', point: nextPoint() });
    await commandOk(w.workstation, fresh.case.code, { type: 'register' });
    expect((await w.workstation.get(`/api/cases/${fresh.case.code}/routing`)).json().unit.code).toBe(
      `${DEMO_COMMUNITY}-WS`,
    );
  });
});

describe('supervision by hand (item 6)', () => {
  it('lists a case an operator supervised by hand, apart from the timer’s yellow and red', async () => {
    const intake = await reportOk(w.operator, { matterCode: 'CG-0303', description: '渣土', point: nextPoint() });
    const code = intake.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    await commandOk(w.operator, code, { type: 'supervise', note: '群众反映强烈，优先办理' });
    const list = (await w.operator.get('/api/cases/supervision')).json();
    expect(list.supervised.map((c: { code: string }) => c.code)).toContain(code);
    expect(list.counts.supervised).toBeGreaterThan(0);
    expect(list.overdue.map((c: { code: string }) => c.code)).not.toContain(code);
    const xlsx = await w.operator.get('/api/cases/supervision/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const byHand = book.worksheets.find((s) => s.name.includes('人工督办'));
    const cells = JSON.stringify(byHand?.getSheetValues() ?? []);
    expect(cells).toContain(code);
  });
});

describe('hold with a review date (item 12)', () => {
  async function acceptedCase() {
    const intake = await reportOk(w.operator, { matterCode: 'CG-0303', description: '等待资金', point: nextPoint() });
    const code = intake.case.code;
    await commandOk(w.operator, code, { type: 'register' });
    return code;
  }

  it('refuses a hold without a review date, or with one that is invalid or past, in the caller’s language', async () => {
    const code = await acceptedCase();
    const missing = await command(w.operator, code, { type: 'hold', reason: '等待资金' } as never);
    expect(missing.statusCode, missing.body).toBe(422);
    expect(missing.json().error.message).toMatch(/复查日期/);
    const setLocale = (locale: string) =>
      w.operator.request({ method: 'PUT', url: '/api/auth/preferences', payload: { locale } });
    await setLocale('en-US');
    const en = await command(w.operator, code, { type: 'hold', reason: 'funds' } as never);
    await setLocale('zh-CN');
    expect(en.statusCode).toBe(422);
    expect(en.json().error.message).toMatch(/review date/i);
    for (const reviewAt of ['not-a-date', '2020-01-01T00:00:00Z']) {
      const r = await command(w.operator, code, { type: 'hold', reason: '等待资金', reviewAt } as never);
      expect(r.statusCode, reviewAt).toBe(422);
    }
  });

  it('brings the case back to 挂账到期 on its review date, with a timeline event', async () => {
    const code = await acceptedCase();
    const reviewAt = new Date(Date.now() + 3 * 86_400_000);
    await commandOk(w.operator, code, {
      type: 'hold',
      reason: '等待专项资金',
      reviewAt: reviewAt.toISOString(),
    } as never);
    expect((await detail(w.operator, code)).workflow.hold).toMatchObject({ reviewAt: reviewAt.toISOString() });
    expect(await queueCodes(w.operator, 'hold_due')).not.toContain(code);
    await processDueTimers(w.t.database.db, new Date(reviewAt.getTime() + 60_000));
    expect(await queueCodes(w.operator, 'hold_due')).toContain(code);
    const d = await detail(w.operator, code);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'hold_review_due', actorUserId: null });
    // Resumed, it leaves the queue.
    await commandOk(w.operator, code, { type: 'resume' });
    expect(await queueCodes(w.operator, 'hold_due')).not.toContain(code);
  });
});
