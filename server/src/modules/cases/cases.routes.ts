import {
  CaseCodeParams,
  CaseCommandBody,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseOverview,
  CasePoints,
  CasePointsQuery,
  CaseQueueCounts,
  CaseSummary,
  CommandResult,
  IdempotencyHeaders,
  IntakeResult,
  KeepApartBody,
  MergeCaseBody,
  PlaceCaseBody,
  ReportCaseBody,
  RevealPhoneBody,
  RevealPhoneResult,
  RoutingSuggestion,
  SupervisionList,
  SupervisionQuery,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import type { CaseDeps } from './case-deps.js';
import { countCaseOverview, listCasePoints } from './use-cases/count-case-overview.js';
import { countCaseQueues } from './use-cases/count-case-queues.js';
import { getCase } from './use-cases/get-case.js';
import { listCases, listSupervision } from './use-cases/list-cases.js';
import { keepCasesApart, mergeCases } from './use-cases/merge-cases.js';
import { placeCase } from './use-cases/place-case.js';
import { revealReporterPhone } from './use-cases/reveal-reporter-phone.js';
import { COMMAND_PERMISSIONS, commandCase } from './use-cases/run-case-command.js';
import { submitReport } from './use-cases/submit-report.js';
import { suggestCaseRouting } from './use-cases/suggest-routing.js';

const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40 })) });

/** "3", W/"3" or 3 → 3 (the case version a client last saw). */
function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new DomainError('validation', {}, [{ field: 'if-match', code: 'pattern' }]);
  return Number(match[1]);
}

export function casesRoutes(app: App, deps: CaseDeps) {
  const { db } = deps;

  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Report (上报) from the desk, the resident portal or the worker app: merged into an open case of the same matter nearby (并单) or opened as a new case. Idempotency-Key: a retry with the same key and body gets the first answer.',
        headers: IdempotencyHeaders,
        body: ReportCaseBody,
        response: { 200: IntakeResult, 201: IntakeResult },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.report');
      const outcome = await submitReport(deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        idempotency: idempotencyClaimOf(request, actor, request.body, { formerBodyOnlyHash: true }),
        now: new Date(),
      });
      reply.header('location', `/api/cases/${outcome.value.case.code}`);
      return sendIdempotent(reply, outcome);
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Cases in scope, newest first; filters by state, level, grid, region, matter, time state, text; inboxes',
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      return listCases(db, actor, request.query);
    },
  );

  app.get(
    '/case-queues',
    {
      schema: {
        tags: ['cases'],
        summary:
          "The caller's work queues (工作台: 待受理, 待派遣, 已退单待改派, 待回访, 吹哨待报到, 挂账到期; a unit's 待签收, 临期超期, 已退单, 返工…) with their counts in scope; list one with GET /cases?queue=",
        response: { 200: CaseQueueCounts },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      return countCaseQueues(db, actor);
    },
  );

  app.get(
    '/case-overview',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Live counts of the cases in scope (工作台, 大屏): open per state, yellow and red, reported and closed today; each is a GET /cases filter',
        response: { 200: CaseOverview },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      return countCaseOverview(db, { actor, now: new Date() });
    },
  );

  app.get(
    '/case-points',
    {
      schema: {
        tags: ['cases'],
        summary: 'The open cases in scope as map points with their time state (no names, no descriptions)',
        querystring: CasePointsQuery,
        response: { 200: CasePoints },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      return listCasePoints(db, { actor, limit: request.query.limit });
    },
  );

  app.get(
    '/cases/supervision',
    {
      schema: {
        tags: ['cases'],
        summary: 'The supervision list (督办): cases in warning (yellow) and overdue (red), most urgent first',
        querystring: SupervisionQuery,
        response: { 200: SupervisionList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.read');
      return listSupervision(db, actor, request.query);
    },
  );

  app.get(
    '/cases/:code',
    {
      schema: {
        tags: ['cases'],
        summary: 'A case: reports (reporters masked), timeline, possible duplicates, suggested routing',
        params: CaseCodeParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, null);
      return getCase(db, actor, request.params.code, new Date());
    },
  );

  app.get(
    '/cases/:code/routing',
    {
      schema: {
        tags: ['cases'],
        summary: 'Where 六定 routing sends the case (unit, person on the A/B post) and why',
        params: CaseCodeParams,
        response: { 200: RoutingSuggestion },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.operate');
      return suggestCaseRouting(deps, { actor, code: request.params.code, at: new Date(), locale: request.locale });
    },
  );

  app.post(
    '/cases/:code/commands',
    {
      schema: {
        tags: ['cases'],
        summary:
          'A workflow command (register, dispatch, accept, return, feedback, verify, rate, archive, hold, extension, escalate, whistle…). If-Match: the case version last seen. Idempotency-Key: the same key and command again gets the first answer.',
        params: CaseCodeParams,
        headers: Type.Object({ ...IfMatchHeaders.properties, ...IdempotencyHeaders.properties }),
        body: CaseCommandBody,
        response: { 200: CommandResult },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, COMMAND_PERMISSIONS[request.body.type]);
      const expectedVersion = versionFromIfMatch(request.headers['if-match']);
      const outcome = await commandCase(deps, {
        actor,
        context: auditContextOf(request),
        code: request.params.code,
        command: request.body,
        expectedVersion,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/cases/:code/merge',
    {
      schema: {
        tags: ['cases'],
        summary: '并单: merge this case (before dispatch) into an open case; its reports and reporters move there',
        params: CaseCodeParams,
        body: MergeCaseBody,
        response: { 200: CaseSummary },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.operate');
      return mergeCases(deps, actor, auditContextOf(request), {
        code: request.params.code,
        intoCaseCode: request.body.intoCaseCode,
        now: new Date(),
      });
    },
  );

  app.post(
    '/cases/:code/keep-apart',
    {
      schema: {
        tags: ['cases'],
        summary: 'Not a duplicate: the two cases are no longer suggested as duplicates of each other',
        params: CaseCodeParams,
        body: KeepApartBody,
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.operate');
      await keepCasesApart(deps, actor, auditContextOf(request), {
        code: request.params.code,
        otherCaseCode: request.body.caseCode,
        now: new Date(),
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/cases/:code/location',
    {
      schema: {
        tags: ['cases'],
        summary: 'Place a case reported by address on the map (its grid and, while in intake, its command unit follow)',
        params: CaseCodeParams,
        body: PlaceCaseBody,
        response: { 200: CaseSummary },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.operate');
      return placeCase(deps, actor, auditContextOf(request), {
        code: request.params.code,
        point: request.body.point,
        address: request.body.address,
        now: new Date(),
      });
    },
  );

  app.post(
    '/cases/:code/reports/:reportId/reveal-phone',
    {
      schema: {
        tags: ['cases'],
        summary: "A reporter's full phone number for a stated purpose (audited)",
        params: Type.Object({
          code: CaseCodeParams.properties.code,
          reportId: Type.String({ format: 'uuid' }),
        }),
        body: RevealPhoneBody,
        response: { 200: RevealPhoneResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.reveal');
      return revealReporterPhone(deps, actor, auditContextOf(request), {
        code: request.params.code,
        reportId: request.params.reportId,
        purpose: request.body.purpose,
      });
    },
  );
}
