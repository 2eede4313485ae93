import type { CaseExportQuery, HandlingLevel, Locale } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type ColumnSpec, checkExportSize, sheetOf, writeWorkbook } from '../../../platform/spreadsheet.js';
import { can } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { CASE_STATE_NAMES, CHANNEL_NAMES, LEVEL_NAMES, STAGE_NAMES, TIME_STATE_NAMES } from '../case-labels.js';
import { type CaseReportRow, caseReportsRepository } from '../case-reports.repository.js';
import { deskCaseScopeOf } from '../case-scope.js';
import { type CaseSummaryRow, casesRepository } from '../cases.repository.js';
import { type ReporterVisibility, reporterIdentified } from '../present-case.js';
import { caseFilterOf } from './list-cases.js';

/** A case as a row of an export: the summary and who reported it first, as the viewer may see them. */
export interface CaseExportRow {
  summary: CaseSummaryRow;
  /** Null when the first reporter is anonymous to the viewer. */
  reporterName: string | null;
  /** Always masked (138****5678): a full number only through the audited reveal. */
  reporterPhone: string | null;
}

/** The columns of every case export (lists and supervision). */
export const CASE_COLUMNS: readonly ColumnSpec<CaseExportRow>[] = [
  { header: { 'zh-CN': '案件编号', 'en-US': 'Case' }, width: 20, value: (r) => r.summary.case.code },
  {
    header: { 'zh-CN': '事项', 'en-US': 'Matter' },
    width: 18,
    value: (r, locale) => (locale === 'en-US' ? r.summary.matterNameEn : r.summary.matterName),
  },
  { header: { 'zh-CN': '事项编码', 'en-US': 'Matter code' }, width: 11, value: (r) => r.summary.case.matterCode },
  {
    header: { 'zh-CN': '状态', 'en-US': 'State' },
    width: 10,
    value: (r, locale) => CASE_STATE_NAMES[r.summary.case.state][locale],
  },
  {
    header: { 'zh-CN': '层级', 'en-US': 'Level' },
    width: 9,
    value: (r, locale) => LEVEL_NAMES[r.summary.case.level][locale],
  },
  {
    header: { 'zh-CN': '时限状态', 'en-US': 'Time limit' },
    width: 10,
    value: (r, locale) => (r.summary.case.stage ? TIME_STATE_NAMES[r.summary.case.timeState][locale] : null),
  },
  {
    header: { 'zh-CN': '当前环节', 'en-US': 'Stage' },
    width: 10,
    value: (r, locale) => (r.summary.case.stage ? STAGE_NAMES[r.summary.case.stage][locale] : null),
  },
  {
    header: { 'zh-CN': '本环节时限', 'en-US': 'Stage due' },
    width: 17,
    type: 'datetime',
    value: (r) => r.summary.case.stageDueAt,
  },
  {
    header: { 'zh-CN': '处置时限', 'en-US': 'Handling due' },
    width: 17,
    type: 'datetime',
    value: (r) => r.summary.case.handleDueAt,
  },
  { header: { 'zh-CN': '网格', 'en-US': 'Grid' }, width: 16, value: (r) => r.summary.case.gridCode },
  { header: { 'zh-CN': '区划代码', 'en-US': 'Region' }, width: 13, value: (r) => r.summary.case.regionCode },
  { header: { 'zh-CN': '地址', 'en-US': 'Address' }, width: 24, value: (r) => r.summary.case.address },
  { header: { 'zh-CN': '问题描述', 'en-US': 'Description' }, width: 40, value: (r) => r.summary.case.description },
  {
    header: { 'zh-CN': '来源', 'en-US': 'Channel' },
    width: 11,
    value: (r, locale) => CHANNEL_NAMES[r.summary.case.channel][locale],
  },
  { header: { 'zh-CN': '上报人', 'en-US': 'Reporter' }, width: 12, value: (r) => r.reporterName },
  { header: { 'zh-CN': '联系电话', 'en-US': 'Phone' }, width: 14, value: (r) => r.reporterPhone },
  {
    header: { 'zh-CN': '附议数', 'en-US': 'Supporters' },
    width: 8,
    type: 'integer',
    value: (r) => r.summary.case.supporterCount,
  },
  { header: { 'zh-CN': '指挥中心', 'en-US': 'Command unit' }, width: 26, value: (r) => r.summary.commandUnitName },
  { header: { 'zh-CN': '承办单位', 'en-US': 'Assigned unit' }, width: 20, value: (r) => r.summary.assignedUnitName },
  {
    header: { 'zh-CN': '上报时间', 'en-US': 'Reported' },
    width: 17,
    type: 'datetime',
    value: (r) => r.summary.case.createdAt,
  },
  {
    header: { 'zh-CN': '结案时间', 'en-US': 'Closed' },
    width: 17,
    type: 'datetime',
    value: (r) => r.summary.case.closedAt,
  },
];

/** Exports are for the desks (whole scope or unit inbox); residents follow their cases in the portal. */
function assertMayExport(actor: Actor): ReporterVisibility {
  if (!can(actor.roles, 'cases.read') && !can(actor.roles, 'cases.read-unit')) throw new DomainError('forbidden');
  return {
    viewerUserId: actor.kind === 'user' ? actor.id : null,
    seesAnonymous: can(actor.roles, 'cases.reveal'),
    seesNames: true,
  };
}

async function exportRows(
  db: Executor,
  rows: readonly CaseSummaryRow[],
  visibility: ReporterVisibility,
): Promise<CaseExportRow[]> {
  const first = await caseReportsRepository.firstReportsOf(
    db,
    rows.map((r) => r.case.id),
  );
  return rows.map((summary) => {
    const report: CaseReportRow | undefined = first.get(summary.case.id);
    const identified = report !== undefined && reporterIdentified(report, visibility);
    return {
      summary,
      reporterName: identified ? report.reporterName : null,
      reporterPhone: identified ? report.reporterPhoneMasked : null,
    };
  });
}

const SHEET = { 'zh-CN': '案件', 'en-US': 'Cases' } as const;

/**
 * The cases of a list (same filters, same scope as GET /api/cases) as an Excel workbook,
 * at most `maxRows`; reporters' phones masked, anonymous reporters left out. The export
 * of personal data is audited with the filter and the number of rows.
 */
export async function exportCases(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { query: CaseExportQuery; maxRows: number; locale: Locale },
): Promise<{ bytes: Buffer; rows: number }> {
  const visibility = assertMayExport(actor);
  const filter = await caseFilterOf(db, actor, input.query);
  const { items, total, capped } = filter
    ? await casesRepository.listInScope(db, filter, deskCaseScopeOf(actor), { limit: input.maxRows, offset: 0 })
    : { items: [], total: 0, capped: false };
  // A capped count stopped past maxRows: "more than the cap" is too many whatever the rest.
  checkExportSize(total + Number(capped), input.maxRows);
  const rows = await exportRows(db, items, visibility);
  const bytes = await writeWorkbook([sheetOf({ title: SHEET, columns: CASE_COLUMNS, rows })], input.locale);
  await db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'case.export',
      objectType: 'case-list',
      details: { query: input.query, rows: rows.length },
    }),
  );
  return { bytes, rows: rows.length };
}

/**
 * The supervision list as a workbook: overdue (red), warning (yellow) and supervised by hand on three sheets,
 * the most urgent first, capped and audited like the case lists.
 */
export async function exportSupervision(
  db: Db,
  actor: Actor,
  context: AuditContext,
  input: { level?: HandlingLevel | undefined; maxRows: number; locale: Locale },
): Promise<{ bytes: Buffer; rows: number }> {
  const visibility = assertMayExport(actor);
  const scope = deskCaseScopeOf(actor);
  const filter = { level: input.level };
  const [overdue, warning, supervised] = await Promise.all([
    casesRepository.supervisionInScope(db, scope, 'overdue', filter, input.maxRows),
    casesRepository.supervisionInScope(db, scope, 'warning', filter, input.maxRows),
    casesRepository.handSupervisedInScope(db, scope, filter, input.maxRows),
  ]);
  checkExportSize(
    [overdue, warning, supervised].reduce((n, list) => n + list.total + Number(list.capped), 0),
    input.maxRows,
  );
  const sheets = [
    sheetOf({
      title: { 'zh-CN': '超期（红牌）', 'en-US': 'Overdue (red)' },
      columns: CASE_COLUMNS,
      rows: await exportRows(db, overdue.items, visibility),
    }),
    sheetOf({
      title: { 'zh-CN': '预警（黄牌）', 'en-US': 'Warning (yellow)' },
      columns: CASE_COLUMNS,
      rows: await exportRows(db, warning.items, visibility),
    }),
    sheetOf({
      title: { 'zh-CN': '人工督办', 'en-US': 'Supervised by hand' },
      columns: CASE_COLUMNS,
      rows: await exportRows(db, supervised.items, visibility),
    }),
  ];
  const bytes = await writeWorkbook(sheets, input.locale);
  const rows = overdue.items.length + warning.items.length + supervised.items.length;
  await db.transaction((tx) =>
    recordAudit(tx, context, {
      action: 'case.export',
      objectType: 'supervision-list',
      details: { query: { level: input.level ?? null }, rows },
    }),
  );
  return { bytes, rows };
}
