import { CaseExportQuery, SupervisionExportQuery } from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { exportCases, exportSupervision } from './use-cases/export-cases.js';

/** Excel exports of the case lists: the same filters and scope as the lists themselves. */
export function caseExportRoutes(app: App, db: Db, exportMaxRows: number) {
  app.get(
    '/cases/export.xlsx',
    {
      schema: {
        tags: ['cases'],
        summary: `The cases of a list (same filters as GET /api/cases, without paging) as an Excel workbook; at most ${exportMaxRows} rows, audited`,
        querystring: CaseExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, null);
      const now = new Date();
      const { bytes } = await exportCases(db, actor, auditContextOf(request), {
        query: request.query,
        maxRows: exportMaxRows,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'cases', localized: { 'zh-CN': '案件', 'en-US': 'cases' } },
        request.locale,
        now,
      );
    },
  );

  app.get(
    '/cases/supervision/export.xlsx',
    {
      schema: {
        tags: ['cases'],
        summary: 'The supervision list (overdue and warning, two sheets) as an Excel workbook; audited',
        querystring: SupervisionExportQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.read');
      const now = new Date();
      const { bytes } = await exportSupervision(db, actor, auditContextOf(request), {
        level: request.query.level,
        maxRows: exportMaxRows,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'supervision', localized: { 'zh-CN': '督办清单', 'en-US': 'supervision' } },
        request.locale,
        now,
      );
    },
  );
}
