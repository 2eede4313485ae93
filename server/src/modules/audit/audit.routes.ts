import { createPublicKey } from 'node:crypto';
import { AuditList, AuditVerifyResult } from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { exportAuditLog } from './export-audit-log.js';
import { exportAuditCheckpoints } from './use-cases/export-audit-checkpoints.js';
import { listAuditLog } from './use-cases/list-audit-log.js';
import { verifyAuditLog } from './use-cases/verify-audit-log.js';

const AuditFilterQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 64 })),
  objectType: Type.Optional(Type.String({ maxLength: 64 })),
  objectId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
});

export function auditRoutes(app: App, { database: { db }, config }: ModuleContext) {
  const publicKey = createPublicKey(config.auditSigningKey);

  app.get(
    '/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The signed audit checkpoints as JSON lines, oldest first, for an auditor to keep outside the platform (audited)',
        response: {
          200: {
            description: 'One checkpoint per line: id, at, keyId, lanes [{ lane, seq, hash }], signature, publicKey',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (request, reply) => {
      authorize(request, 'audit.read');
      const lines = await exportAuditCheckpoints({ db }, { context: auditContextOf(request), publicKey });
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-checkpoints.jsonl"')
        .send(lines.map((line) => `${line}\n`).join(''));
    },
  );

  app.get(
    '/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log with the same filters as GET /api/audit, newest first, as an Excel workbook (audited)',
        querystring: AuditFilterQuery,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'audit.read');
      const now = new Date();
      const bytes = await exportAuditLog(db, auditContextOf(request), {
        filter: request.query,
        scopePath: actor.scopePath,
        maxRows: config.exportMaxRows,
        locale: request.locale,
      });
      const name = { ascii: 'audit-log', localized: { 'zh-CN': '审计日志', 'en-US': 'audit-log' } };
      return sendWorkbook(reply, bytes, name, request.locale, now);
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          ...AuditFilterQuery.properties,
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'audit.read');
      const { limit, offset, ...filter } = request.query;
      const result = await listAuditLog({ db }, { actor, filter, page: { limit, offset } });
      return {
        total: result.total,
        items: result.items.map((r) => ({
          id: String(r.id),
          seq: r.id,
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorLabel: r.actorLabel,
          action: r.action,
          objectType: r.objectType,
          objectId: r.objectId,
          outcome: r.outcome,
          requestId: r.requestId,
          details: r.details,
        })),
      };
    },
  );

  app.post(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Walk the hash chains, check them against the signed checkpoints, and name every broken row and checkpoint (county-wide auditors only: the chains hold every region’s rows)',
        response: { 200: AuditVerifyResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'audit.verify');
      return verifyAuditLog({ db }, { actor, context: auditContextOf(request), locale: request.locale, publicKey });
    },
  );
}
