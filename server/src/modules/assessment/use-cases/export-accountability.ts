import type { AccountabilityRow, AccountableCase, IndicatorValue, Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { type ComputeAccountabilityOptions, computeAccountability } from './compute-accountability.js';

const KIND_NAMES = {
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  town: { 'zh-CN': '镇（街道）', 'en-US': 'Town' },
} as const;
const REASON_NAMES = {
  overdue: { 'zh-CN': '超期', 'en-US': 'Overdue' },
  'rejected-return': { 'zh-CN': '推诿（退单被驳回）', 'en-US': 'Return rejected' },
  rework: { 'zh-CN': '返工', 'en-US': 'Rework' },
} as const;
const percent = (v: IndicatorValue) => (v.value === null ? null : Math.round(v.value * 1000) / 10);

const ROW_COLUMNS: readonly ColumnSpec<AccountabilityRow>[] = [
  { header: { 'zh-CN': '类别', 'en-US': 'Kind' }, width: 10, value: (r, l) => KIND_NAMES[r.kind][l] },
  { header: { 'zh-CN': '单位', 'en-US': 'Unit' }, width: 22, value: (r) => r.name },
  {
    header: { 'zh-CN': '按期处置率（%）', 'en-US': 'On-time handling (%)' },
    width: 14,
    type: 'number',
    value: (r) => percent(r.onTimeHandlingRate),
  },
  { header: { 'zh-CN': '退单数', 'en-US': 'Returns' }, width: 9, type: 'integer', value: (r) => r.returns },
  {
    header: { 'zh-CN': '退单被驳回', 'en-US': 'Returns rejected' },
    width: 11,
    type: 'integer',
    value: (r) => r.rejectedReturns,
  },
  { header: { 'zh-CN': '返工次数', 'en-US': 'Reworks' }, width: 9, type: 'integer', value: (r) => r.reworks },
  {
    header: { 'zh-CN': '超期件数', 'en-US': 'Overdue cases' },
    width: 10,
    type: 'integer',
    value: (r) => r.overdueCases,
  },
  { header: { 'zh-CN': '超期天数', 'en-US': 'Days overdue' }, width: 10, type: 'integer', value: (r) => r.overdueDays },
  {
    header: { 'zh-CN': '满意率（12345，%）', 'en-US': 'Satisfaction (12345, %)' },
    width: 14,
    type: 'number',
    value: (r) => percent(r.satisfactionRate),
  },
];

const CASE_COLUMNS: readonly ColumnSpec<AccountableCase>[] = [
  { header: { 'zh-CN': '案件编号', 'en-US': 'Case' }, width: 20, value: (c) => c.code },
  { header: { 'zh-CN': '问题', 'en-US': 'Reason' }, width: 16, value: (c, l) => REASON_NAMES[c.reason][l] },
  { header: { 'zh-CN': '超期天数', 'en-US': 'Days overdue' }, width: 10, type: 'integer', value: (c) => c.overdueDays },
  { header: { 'zh-CN': '次数', 'en-US': 'Times' }, width: 7, type: 'integer', value: (c) => c.times },
  {
    header: { 'zh-CN': '处置时限', 'en-US': 'Handling due' },
    width: 17,
    type: 'datetime',
    value: (c) => (c.dueAt ? new Date(c.dueAt) : null),
  },
  { header: { 'zh-CN': '承办单位', 'en-US': 'Unit' }, width: 20, value: (c) => c.unitName },
  { header: { 'zh-CN': '办理人', 'en-US': 'Held by' }, width: 12, value: (c) => c.heldByName },
  { header: { 'zh-CN': '镇（街道）', 'en-US': 'Town' }, width: 14, value: (c) => c.townName },
];

/** The month's accountability table and list as an Excel workbook (two sheets); audited (it names people). */
export async function exportAccountability(
  db: Db,
  actor: Actor,
  context: AuditContext,
  options: ComputeAccountabilityOptions & { locale: Locale },
): Promise<{ bytes: Buffer }> {
  const table = await computeAccountability(db, actor, options);
  const bytes = await writeWorkbook(
    [
      sheetOf({
        title: { 'zh-CN': '部门与街道考核', 'en-US': 'Departments and towns' },
        columns: ROW_COLUMNS,
        rows: table.rows,
      }),
      sheetOf({
        title: { 'zh-CN': '问责清单', 'en-US': 'Accountability list' },
        columns: CASE_COLUMNS,
        rows: table.cases,
      }),
    ],
    options.locale,
  );
  await recordAudit(db, context, {
    action: 'assessment.export-accountability',
    objectType: 'assessment',
    details: { month: table.month, rows: table.rows.length, cases: table.cases.length },
  });
  return { bytes };
}
