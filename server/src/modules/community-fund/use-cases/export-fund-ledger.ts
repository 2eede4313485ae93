import type { FundSpending, FundTransaction, Locale } from '@yiwang/contracts';
import {
  FUND_INCOME_SOURCE_LABELS,
  FUND_SPENDING_PURPOSE_LABELS,
  FUND_SPENDING_STATUS_LABELS,
  FUND_STEP_LABELS,
  FUND_STEPS,
  type FundIncomeSource,
  type FundSpendingPurpose,
} from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { readFundLedger } from './read-fund-ledger.js';

const yuan = (fen: number) => fen / 100;
const categoryName = (t: FundTransaction, l: Locale) =>
  t.kind === 'income'
    ? (FUND_INCOME_SOURCE_LABELS[t.category as FundIncomeSource]?.[l] ?? t.category)
    : (FUND_SPENDING_PURPOSE_LABELS[t.category as FundSpendingPurpose]?.[l] ?? t.category);

const TRANSACTION_COLUMNS: readonly ColumnSpec<FundTransaction>[] = [
  { header: { 'zh-CN': '日期', 'en-US': 'Date' }, width: 12, value: (t) => t.occurredOn },
  {
    header: { 'zh-CN': '收支', 'en-US': 'In/out' },
    width: 8,
    value: (t, l) =>
      (t.kind === 'income' ? { 'zh-CN': '收入', 'en-US': 'Income' } : { 'zh-CN': '支出', 'en-US': 'Spending' })[l],
  },
  { header: { 'zh-CN': '类别', 'en-US': 'Category' }, width: 14, value: categoryName },
  { header: { 'zh-CN': '摘要', 'en-US': 'Description' }, width: 30, value: (t) => t.description },
  { header: { 'zh-CN': '对方', 'en-US': 'Counterparty' }, width: 20, value: (t) => t.counterparty },
  {
    header: { 'zh-CN': '收入（元）', 'en-US': 'In (yuan)' },
    width: 12,
    type: 'number',
    value: (t) => (t.kind === 'income' ? yuan(t.amountFen) : null),
  },
  {
    header: { 'zh-CN': '支出（元）', 'en-US': 'Out (yuan)' },
    width: 12,
    type: 'number',
    value: (t) => (t.kind === 'spending' ? yuan(t.amountFen) : null),
  },
  {
    header: { 'zh-CN': '余额（元）', 'en-US': 'Balance (yuan)' },
    width: 12,
    type: 'number',
    value: (t) => yuan(t.balanceAfterFen),
  },
];

const SPENDING_COLUMNS: readonly ColumnSpec<FundSpending>[] = [
  { header: { 'zh-CN': '支出事项', 'en-US': 'Spending' }, width: 28, value: (s) => s.title },
  {
    header: { 'zh-CN': '用途', 'en-US': 'Purpose' },
    width: 14,
    value: (s, l) => FUND_SPENDING_PURPOSE_LABELS[s.purpose][l],
  },
  {
    header: { 'zh-CN': '金额（元）', 'en-US': 'Amount (yuan)' },
    width: 12,
    type: 'number',
    value: (s) => yuan(s.amountFen),
  },
  { header: { 'zh-CN': '收款方', 'en-US': 'Payee' }, width: 18, value: (s) => s.payee },
  { header: { 'zh-CN': '决议编号', 'en-US': 'Decision' }, width: 38, value: (s) => s.decisionId },
  {
    header: { 'zh-CN': '状态', 'en-US': 'Status' },
    width: 16,
    value: (s, l) => FUND_SPENDING_STATUS_LABELS[s.status][l],
  },
  ...FUND_STEPS.map(
    (step): ColumnSpec<FundSpending> => ({
      header: FUND_STEP_LABELS[step],
      width: 26,
      value: (s) => {
        const done = s.steps.find((r) => r.step === step);
        return done ? `${done.by} ${done.at.slice(0, 10)}${done.note ? `：${done.note}` : ''}` : null;
      },
    }),
  ),
];

/** A community's fund ledger and spendings (with their five steps) as an Excel workbook; audited. */
export async function exportFundLedger(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: { communityCode: string; locale: Locale },
): Promise<{ bytes: Buffer }> {
  const ledger = await readFundLedger(db, actor, options.communityCode);
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '基金台账', 'en-US': 'Fund ledger' },
        columns: TRANSACTION_COLUMNS,
        rows: [...ledger.transactions].reverse(),
      }),
      sheetOf({
        title: { 'zh-CN': '支出与五步法', 'en-US': 'Spendings and five steps' },
        columns: SPENDING_COLUMNS,
        rows: ledger.spendings,
      }),
    ],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'fund.export',
    objectType: 'community-fund',
    objectId: null,
    details: { communityCode: ledger.communityCode, transactions: ledger.transactions.length },
  });
  return { bytes };
}
