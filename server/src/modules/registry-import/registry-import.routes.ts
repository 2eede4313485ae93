import multipart from '@fastify/multipart';
import {
  IdParams,
  MergeReview,
  MergeReviewList,
  MergeReviewQuery,
  REGISTRY_IMPORT_KIND_LABELS,
  RegistryImport,
  RegistryImportKindParams,
  ResolveMergeBody,
} from '@yiwang/contracts';
import type { FastifyError, FastifyRequest } from 'fastify';
import { handleError } from '../../platform/error-handler.js';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { sendWorkbook, XLSX_RESPONSE } from '../../platform/spreadsheet.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { registryReadRoute } from '../registry/index.js';
import { type ImportDeps, importDepsFor } from './registry-import-deps.js';
import { checkImport, getImport, startImport } from './use-cases/check-import.js';
import { exportPeople, failedRowsWorkbook, importTemplate } from './use-cases/import-files.js';
import { listMergeReviews, resolveMergeReview } from './use-cases/merge-reviews.js';

const tags = ['registry'];
/** An import file's size limit: 10 000 people are about 1 MB as .xlsx. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export async function registryImportRoutes(app: App, { config, database }: ModuleContext) {
  const deps: ImportDeps = importDepsFor(database, config.secretKey);

  app.get(
    '/registry-imports/templates/:kind',
    {
      schema: {
        tags,
        summary: 'The import template of a kind (.xlsx with Chinese headers and an example row)',
        params: RegistryImportKindParams,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      authorize(request, 'registry.manage');
      const { kind } = request.params;
      const bytes = await importTemplate(kind, request.locale);
      const label = REGISTRY_IMPORT_KIND_LABELS[kind]['zh-CN'];
      return sendWorkbook(
        reply,
        bytes,
        { ascii: `${kind}-template`, localized: { 'zh-CN': `${label}导入模板`, 'en-US': `${kind}-template` } },
        request.locale,
        new Date(),
      );
    },
  );

  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
  await app.register((scope: App) => dryRunRoute(scope, deps));

  app.post(
    '/registry-imports/:id/start',
    {
      schema: {
        tags,
        summary:
          'Start a checked import: the rows without problems are written in the background (progress: GET /registry-imports/{id})',
        params: IdParams,
        response: { 200: RegistryImport },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return startImport(deps, { actor, context: auditContextOf(request), id: request.params.id });
    },
  );

  registryReadRoute(
    app,
    '/registry-imports/:id',
    {
      summary: 'An import: its problems and its progress',
      params: IdParams,
      response: RegistryImport,
      permission: 'registry.manage',
    },
    (actor, { params }) => getImport(deps, { actor, id: params.id }),
  );

  app.get(
    '/registry-imports/:id/failed-rows.xlsx',
    {
      schema: {
        tags,
        summary: 'The rows not imported, as the file had them, with a 原因 (reason) column; audited',
        params: IdParams,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const { bytes, fileName } = await failedRowsWorkbook(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        locale: request.locale,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'failed-rows', localized: { 'zh-CN': `${fileName}-未导入`, 'en-US': `${fileName}-failed` } },
        request.locale,
        new Date(),
      );
    },
  );

  registryReadRoute(
    app,
    '/registry-merge-reviews',
    {
      summary: 'ID-number clashes of imports in scope, both records side by side (masked)',
      querystring: MergeReviewQuery,
      response: MergeReviewList,
      permission: 'registry.manage',
    },
    (actor, { query }) => listMergeReviews(deps, { actor, ...(query.state ? { state: query.state } : {}) }),
  );

  app.post(
    '/registry-merge-reviews/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Decide an ID-number clash: keep the registered record, take the incoming fields, or different people; audited',
        params: IdParams,
        body: ResolveMergeBody,
        response: { 200: MergeReview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.manage');
      return resolveMergeReview(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        decision: request.body.decision,
        ...(request.body.note ? { note: request.body.note } : {}),
        now: new Date(),
      });
    },
  );

  app.get(
    '/registry/people/export.xlsx',
    {
      schema: {
        tags,
        summary: `The people of the caller's scope as an Excel list (masked); at most ${config.exportMaxRows} rows, audited`,
        response: XLSX_RESPONSE,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.read');
      const bytes = await exportPeople(deps, {
        actor,
        context: auditContextOf(request),
        locale: request.locale,
        maxRows: config.exportMaxRows,
      });
      return sendWorkbook(
        reply,
        bytes,
        { ascii: 'people', localized: { 'zh-CN': '人口名单', 'en-US': 'people' } },
        request.locale,
        new Date(),
      );
    },
  );
}

/** POST /registry-imports/:kind (the dry run) in its own scope: the multipart parser and the larger body limit apply to it only. */
async function dryRunRoute(scope: App, deps: ImportDeps) {
  await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return handleError(
        new DomainError('import-file-too-large', { limitMb: MAX_IMPORT_BYTES / 1024 / 1024 }),
        request,
        reply,
      );
    }
    return handleError(error, request, reply);
  });
  scope.post(
    '/registry-imports/:kind',
    {
      bodyLimit: MAX_IMPORT_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          'Dry run of an import file (.xlsx or .csv; multipart field "file", optional field "columns": JSON {header: field|null} overriding the matching): every bad cell named, nothing written. Start it with POST /registry-imports/{id}/start.',
        consumes: ['multipart/form-data'],
        params: RegistryImportKindParams,
        response: { 201: RegistryImport },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const upload = await receivedUpload(request);
      const result = await checkImport(deps, {
        actor,
        context: auditContextOf(request),
        kind: request.params.kind,
        ...upload,
        now: new Date(),
      });
      return reply.code(201).send(result);
    },
  );
}

/** The uploaded file and the optional column override of a multipart dry run. */
async function receivedUpload(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; fileName: string; columns: Record<string, string | null> }> {
  if (!request.isMultipart()) throw new DomainError('validation', {}, [{ field: 'file', code: 'required' }]);
  let bytes: Buffer | null = null;
  let fileName = '';
  let columns: Record<string, string | null> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') {
        bytes = await part.toBuffer(); // FST_REQ_FILE_TOO_LARGE past the limit
        fileName = part.filename;
      } else if (part.type === 'file') await part.toBuffer();
      else if (part.fieldname === 'columns') columns = parseColumns(String(part.value));
    }
  } catch (error) {
    if (error instanceof DomainError || (error as Partial<FastifyError>).statusCode) throw error;
    throw new DomainError('validation', {}, [{ field: 'file', code: 'invalid' }]);
  }
  if (!bytes || bytes.length === 0) throw new DomainError('validation', {}, [{ field: 'file', code: 'required' }]);
  return { bytes, fileName: fileName || 'import', columns };
}

function parseColumns(text: string): Record<string, string | null> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.every(([, v]) => v === null || typeof v === 'string'))
        return Object.fromEntries(entries) as Record<string, string | null>;
    }
  } catch {
    // falls through to the field problem
  }
  throw new DomainError('validation', {}, [{ field: 'columns', code: 'invalid' }]);
}
