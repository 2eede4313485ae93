import type { Locale } from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import {
  type ColumnSpec,
  checkExportSize,
  type Localized,
  sheetOf,
  writeWorkbook,
} from '../../platform/spreadsheet.js';
import { type AuditFilter, auditRepository } from './audit.repository.js';
import { type AuditContext, recordAudit } from './record-audit.js';

type AuditRow = Awaited<ReturnType<typeof auditRepository.list>>['items'][number];

const OUTCOMES: Readonly<Record<string, Localized>> = {
  success: { 'zh-CN': '成功', 'en-US': 'Success' },
  failure: { 'zh-CN': '失败', 'en-US': 'Failure' },
  denied: { 'zh-CN': '拒绝', 'en-US': 'Denied' },
  locked: { 'zh-CN': '锁定', 'en-US': 'Locked' },
};

const AUDIT_COLUMNS: readonly ColumnSpec<AuditRow>[] = [
  { header: { 'zh-CN': '序号', 'en-US': 'Seq' }, width: 9, type: 'integer', value: (r) => r.id },
  { header: { 'zh-CN': '时间', 'en-US': 'Time' }, width: 20, type: 'timestamp', value: (r) => r.at },
  { header: { 'zh-CN': '操作人', 'en-US': 'Actor' }, width: 18, value: (r) => r.actorLabel },
  { header: { 'zh-CN': '操作', 'en-US': 'Action' }, width: 22, value: (r) => r.action },
  { header: { 'zh-CN': '对象类型', 'en-US': 'Object type' }, width: 14, value: (r) => r.objectType },
  { header: { 'zh-CN': '对象', 'en-US': 'Object' }, width: 24, value: (r) => r.objectId },
  {
    header: { 'zh-CN': '结果', 'en-US': 'Outcome' },
    width: 8,
    value: (r, locale) => OUTCOMES[r.outcome]?.[locale] ?? r.outcome,
  },
  { header: { 'zh-CN': '请求编号', 'en-US': 'Request' }, width: 38, value: (r) => r.requestId },
  { header: { 'zh-CN': '详情', 'en-US': 'Details' }, width: 60, value: (r) => JSON.stringify(r.details) },
];

/**
 * The audit log as filtered on the audit page, newest first, as a workbook (capped). The
 * log names people and what they saw, so its export is itself audited.
 */
export async function exportAuditLog(
  db: Db,
  context: AuditContext,
  input: { filter: AuditFilter; scopePath: string; maxRows: number; locale: Locale },
): Promise<Buffer> {
  const page = { limit: input.maxRows, offset: 0 };
  const { items, total } = await auditRepository.list(db, input.filter, page, input.scopePath);
  checkExportSize(total, input.maxRows);
  const bytes = await writeWorkbook(
    [sheetOf({ title: { 'zh-CN': '审计日志', 'en-US': 'Audit log' }, columns: AUDIT_COLUMNS, rows: items })],
    input.locale,
  );
  await db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'audit.export',
      objectType: 'audit-log',
      details: { query: input.filter, rows: items.length },
    }),
  );
  return bytes;
}
