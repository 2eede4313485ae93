import {
  type CaseChannel,
  CaseCodeParams,
  CaseCommandBody,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseQueueCounts,
  CaseSummary,
  CommandResult,
  IntakeResult,
  type IntakeResult as IntakeResultType,
  KeepApartBody,
  MergeCaseBody,
  PlaceCaseBody,
  ReportCaseBody,
  type ReportCaseBody as ReportCaseBodyType,
  RevealPhoneBody,
  RevealPhoneResult,
  RoutingSuggestion,
  SupervisionList,
  SupervisionQuery,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { decryptSecret, sha256Hex } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor, App } from '../../platform/http.js';
import { accountsLookups, auditContextOf, authorize, can } from '../accounts/index.js';
import { canonicalJson } from '../audit/index.js';
import { idempotencyClaimOf, runIdempotent, sendIdempotent } from '../idempotency/index.js';
import { type CaseDeps, matterOfCase } from './case-deps.js';
import { caseScopeOf, countyPathOf, isResidentOnly } from './case-scope.js';
import { casesRepository } from './cases.repository.js';
import { presentCaseToReporter } from './present-case.js';
import { countCaseQueues } from './use-cases/count-case-queues.js';
import { getCase } from './use-cases/get-case.js';
import { listCases, listSupervision } from './use-cases/list-cases.js';
import { keepCasesApart, mergeCases } from './use-cases/merge-cases.js';
import { placeCase } from './use-cases/place-case.js';
import type { IntakeReporter, ReportCaseInput } from './use-cases/report-case.js';
import { reportCase } from './use-cases/report-case.js';
import { revealReporterPhone } from './use-cases/reveal-reporter-phone.js';
import { COMMAND_PERMISSIONS, runCaseCommand } from './use-cases/run-case-command.js';
import { suggestRouting } from './use-cases/suggest-routing.js';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' })),
});
const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 40 })) });

/** "3", W/"3" or 3 → 3 (the case version a client last saw). */
function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new DomainError('validation', {}, [{ field: 'if-match', code: 'pattern' }]);
  return Number(match[1]);
}

/** Who reports through POST /api/cases, on which channel: residents as themselves, desks for a caller, staff from the field. */
async function intakeReporter(
  deps: CaseDeps,
  actor: Actor,
  body: ReportCaseBodyType,
): Promise<{ channel: CaseChannel; reporter: IntakeReporter; enteredByUserId: string | null }> {
  const isResident = isResidentOnly(actor);
  const allowed: CaseChannel[] = isResident
    ? ['resident']
    : can(actor.roles, 'cases.operate')
      ? ['desk', 'worker']
      : ['worker'];
  const channel = body.channel ?? allowed[0] ?? 'worker';
  if (!allowed.includes(channel)) throw new DomainError('validation', {}, [{ field: 'channel', code: 'enum' }]);
  const anonymous = body.reporter?.anonymous ?? false;
  const user = actor.kind === 'user' ? await accountsLookups.findUserById(deps.db, actor.id) : undefined;
  if (channel === 'desk') {
    return {
      channel,
      reporter: { userId: null, name: body.reporter?.name ?? null, phone: body.reporter?.phone ?? null, anonymous },
      enteredByUserId: user?.id ?? null,
    };
  }
  // A self-registered resident's account holds their mobile number (sealed): the command desk calls it back (回访).
  const accountPhone = isResident && user?.phoneSealed ? decryptSecret(deps.secretKey, user.phoneSealed) : null;
  return {
    channel,
    reporter: {
      userId: user?.id ?? null,
      name: user?.displayName ?? body.reporter?.name ?? null,
      phone: body.reporter?.phone ?? accountPhone,
      anonymous,
    },
    enteredByUserId: null,
  };
}

/** Residents report anywhere in the county (their account's scope may be narrower); staff and keys inside their scope. */
const reportingScopeOf = (actor: Actor) => (isResidentOnly(actor) ? countyPathOf(actor.scopePath) : actor.scopePath);

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
      const body = request.body;
      const { channel, reporter, enteredByUserId } = await intakeReporter(deps, actor, body);
      const input: ReportCaseInput = {
        channel,
        matterCode: body.matterCode,
        description: body.description,
        point: body.point,
        address: body.address,
        reporter,
        enteredByUserId,
        photoIds: body.photoIds ?? [],
        formAnswers: body.formAnswers ?? {},
        fallbackRegionCode: actor.scopeRegionCode,
        photoScopePath: actor.scopePath,
        reporterScopePath: reportingScopeOf(actor),
      };
      const key = request.headers['idempotency-key'];
      const outcome = await reportCase(deps, auditContextOf(request), input, {
        now: new Date(),
        idempotency: key ? { actorId: actor.id, key, requestHash: sha256Hex(canonicalJson(body)) } : undefined,
        showSuggestions: can(actor.roles, 'cases.read'),
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      // A resident's report may have been merged into someone else's case: they hear of their own report only.
      const answer: IntakeResultType = isResidentOnly(actor)
        ? {
            ...outcome.body,
            case: presentCaseToReporter(outcome.body.case, {
              description: input.description.trim(),
              address: input.address?.trim() || null,
            }),
          }
        : outcome.body;
      return reply.status(outcome.status).header('location', `/api/cases/${answer.case.code}`).send(answer);
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
      const row = await casesRepository.findInScope(db, request.params.code, caseScopeOf(actor));
      if (!row) throw new DomainError('not-found');
      return suggestRouting(db, row, await matterOfCase(db, row), new Date(), request.locale);
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
      // The worker app's outbox sends verifications with an Idempotency-Key, claimed in the command's transaction.
      const outcome = await runIdempotent(db, idempotencyClaimOf(request, actor, request.body), async (tx) => ({
        status: 200,
        body: await runCaseCommand({ ...deps, db: tx }, actor, auditContextOf(request), {
          code: request.params.code,
          command: request.body,
          expectedVersion,
          now: new Date(),
        }),
      }));
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
