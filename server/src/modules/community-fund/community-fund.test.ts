import type { FundLedger, FundSpending } from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { insertTestDecision } from './community-fund.test-helpers.js';

const COMMUNITY = '320281001001'; // 文定社区, the workstation's scope
let t: TestApp;
let workstation: Client;
let resident: Client;
let otherCommunity: string;
let decisionId: string;

beforeAll(async () => {
  t = await createTestApp();
  workstation = await t.login('workstation');
  resident = await t.login('resident');
  const [other] = await queryRows<{ code: string }>(
    t.database.db,
    sql`SELECT code FROM regions WHERE level = 'community' AND code <> ${COMMUNITY} ORDER BY code LIMIT 1`,
  );
  otherCommunity = other?.code ?? '';
  decisionId = await insertTestDecision(t.database.db, { communityCode: COMMUNITY, title: '更换3号楼楼道灯' });
});
afterAll(() => t.close());

const publicLedger = async (code = COMMUNITY): Promise<FundLedger> => {
  const r = await t.app.inject({ method: 'GET', url: `/api/public/community-funds/${code}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const income = (body: Record<string, unknown>, client = workstation) =>
  client.post('/api/community-funds/income', { communityCode: COMMUNITY, receivedOn: '2026-11-02', ...body });
const propose = (body: Record<string, unknown>) =>
  workstation.post('/api/community-funds/spendings', {
    communityCode: COMMUNITY,
    purpose: 'facilities',
    title: '更换3号楼楼道灯',
    amountFen: 380_000,
    payee: '澄江照明工程部',
    decisionId,
    proposal: { by: '文定社区党委', note: '居民议题：楼道太暗' },
    ...body,
  });
const step = (id: string, step: string, by = '经办人') =>
  workstation.post(`/api/community-funds/spendings/${id}/steps`, { step, by, note: `${step} 完成` });
const count = async (table: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]?.n;

describe('the community fund ledger', () => {
  it('a grant, a donation and a spending tied to a decision with its five steps: the public balance is income − spending', async () => {
    const start = await publicLedger();
    expect(start.balanceFen).toBe(start.incomeFen - start.spendingFen);

    expect((await income({ source: 'grant', amountFen: 1_000_000, counterparty: '澄江街道办事处' })).statusCode).toBe(
      201,
    );
    const donation = await income({ source: 'donation', amountFen: 250_050, counterparty: '热心居民' });
    expect(donation.statusCode, donation.body).toBe(201);
    expect(donation.json().balanceAfterFen).toBe(start.balanceFen + 1_250_050);

    const proposed = await propose({});
    expect(proposed.statusCode, proposed.body).toBe(201);
    const spending: FundSpending = proposed.json();
    expect(spending).toMatchObject({ status: 'awaiting-resolution', nextStep: 'resolve', decisionId });

    // No money before the council resolved; steps go in order.
    const early = await step(spending.id, 'implement');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('fund-step-out-of-order');
    expect((await publicLedger()).balanceFen).toBe(start.balanceFen + 1_250_050);

    expect((await step(spending.id, 'resolve', '文定社区居民议事会')).statusCode).toBe(200);
    const paid = await step(spending.id, 'implement', '文定社区居委会');
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', nextStep: 'inspect' });
    expect((await step(spending.id, 'inspect', '文定社区党委')).statusCode).toBe(200);
    const done = await step(spending.id, 'oversee', '文定社区居务监督委员会');
    expect(done.json()).toMatchObject({ status: 'completed', nextStep: null });
    expect(done.json().steps.map((s: { step: string; by: string }) => [s.step, s.by])).toEqual([
      ['propose', '文定社区党委'],
      ['resolve', '文定社区居民议事会'],
      ['implement', '文定社区居委会'],
      ['inspect', '文定社区党委'],
      ['oversee', '文定社区居务监督委员会'],
    ]);
    expect((await step(spending.id, 'oversee')).json().error.code).toBe('fund-step-recorded');

    const ledger = await publicLedger();
    expect(ledger.incomeFen).toBe(start.incomeFen + 1_250_050);
    expect(ledger.spendingFen).toBe(start.spendingFen + 380_000);
    expect(ledger.balanceFen).toBe(ledger.incomeFen - ledger.spendingFen);
    expect(ledger.balanceFen).toBe(start.balanceFen + 1_250_050 - 380_000);
    expect(ledger.transactions[0]).toMatchObject({
      kind: 'spending',
      amountFen: 380_000,
      balanceAfterFen: ledger.balanceFen,
      spendingId: spending.id,
    });
    expect(ledger.spendings.find((s) => s.id === spending.id)?.steps).toHaveLength(5);
  });

  it('a spending on the negative list is refused with the rule named, nothing written, the refusal audited', async () => {
    const before = await count('fund_spendings');
    const r = await propose({ purpose: 'elderly-care', title: '重阳节给老人发购物卡', amountFen: 50_000 });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('fund-negative-list');
    expect(r.json().error.message).toContain('不得发放个人福利、补贴、红包或购物卡');
    expect(await count('fund_spendings')).toBe(before);
    const [audit] = await queryRows<{ outcome: string }>(
      t.database.db,
      sql`SELECT outcome FROM audit_log WHERE action = 'fund.refuse-spending' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.outcome).toBe('denied');

    // A community's own rule, in English, by purpose.
    const rule = await workstation.post('/api/community-funds/negative-rules', {
      regionCode: COMMUNITY,
      name: 'No culture spending this year',
      purposes: ['culture'],
      keywords: [],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const refused = await workstation.request({
      method: 'POST',
      url: '/api/community-funds/spendings',
      payload: {
        communityCode: COMMUNITY,
        purpose: 'culture',
        title: '广场舞音响',
        amountFen: 10_000,
        payee: '某商店',
        decisionId,
        proposal: { by: '党委' },
      },
    });
    expect(refused.json().error.message).toBe('该支出属于社区基金负面清单，不能支付：No culture spending this year。');
    const rules = await workstation.get(`/api/community-funds/negative-rules?communityCode=${COMMUNITY}`);
    expect(rules.json().items.map((i: { name: string }) => i.name)).toContain('No culture spending this year');
  });

  it('the decision must be this community’s and decided; the fund is never overdrawn', async () => {
    const unknown = await propose({ decisionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].field).toBe('decisionId');

    const elsewhere = await insertTestDecision(t.database.db, {
      communityCode: otherCommunity,
      title: '别的社区的决议',
    });
    const other = await propose({ decisionId: elsewhere });
    // The other community lies outside the workstation's scope: unknown to it.
    expect(other.statusCode).toBe(422);

    const big = await propose({ title: '大修小区道路', amountFen: 9_000_000_000 });
    expect(big.statusCode).toBe(201);
    await step(big.json().id, 'resolve', '议事会');
    const pay = await step(big.json().id, 'implement', '居委会');
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.code).toBe('fund-insufficient');
  });

  it('the database keeps the books: an unbalanced transaction or an edit is refused', async () => {
    const [tx] = await queryRows<{ id: string }>(t.database.db, sql`SELECT id FROM fund_transactions LIMIT 1`);
    await expect(
      t.database.db.transaction(async (db) => {
        const [row] = await queryRows<{ id: string }>(
          db,
          sql`INSERT INTO fund_transactions (community_code, path, kind, category, description, occurred_on)
              SELECT code, path, 'income', 'other', 'x', '2026-11-01' FROM regions WHERE code = ${COMMUNITY} RETURNING id`,
        );
        await db.execute(
          sql`INSERT INTO fund_ledger_lines (transaction_id, community_code, account, amount_fen) VALUES
              (${row?.id}, ${COMMUNITY}, 'bank', 100), (${row?.id}, ${COMMUNITY}, 'income:other', -99)`,
        );
      }),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql`UPDATE fund_ledger_lines SET amount_fen = 1 WHERE transaction_id = ${tx?.id}`),
    ).rejects.toThrow();
    const [sum] = await queryRows<{ total: string }>(
      t.database.db,
      sql`SELECT coalesce(sum(amount_fen), 0) AS total FROM fund_ledger_lines`,
    );
    expect(Number(sum?.total)).toBe(0);
  });

  it('is kept by the workstation in its scope; residents read only the public page', async () => {
    expect((await income({ source: 'grant', amountFen: 100 }, resident)).statusCode).toBe(403);
    const outside = await workstation.post('/api/community-funds/income', {
      communityCode: otherCommunity,
      source: 'grant',
      amountFen: 100,
      receivedOn: '2026-11-02',
    });
    expect(outside.statusCode).toBe(422);
    expect((await income({ source: 'grant', amountFen: 1.5 })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/community-funds/999999999999' })).statusCode).toBe(
      404,
    );
    const list = await t.app.inject({ method: 'GET', url: '/api/public/community-funds' });
    expect(list.json().items.map((i: { code: string }) => i.code)).toContain(COMMUNITY);
  });

  it('exports the ledger and the five steps to Excel, audited', async () => {
    const r = await workstation.get(`/api/community-funds/${COMMUNITY}/export.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ledger = await publicLedger();
    expect(book.worksheets[0]?.rowCount).toBe(ledger.transactions.length + 1);
    expect(book.worksheets[1]?.getRow(1).values).toContain('党组织提议');
    const [audit] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fund.export'`,
    );
    expect(audit?.n).toBe(1);
  });
});
