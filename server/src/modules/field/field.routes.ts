import {
  ActivityQuery,
  CaseCodeParams,
  CaseToVerify,
  FieldToday,
  IdempotencyHeaders,
  IntakeResult,
  NearbyCaseList,
  NearbyCasesQuery,
  SupportCaseBody,
  WorkerActivityList,
} from '@yiwang/contracts';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize, can } from '../accounts/index.js';
import type { recordAudit } from '../audit/index.js';
import { getCaseToVerify } from '../cases/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import { findNearbyCases } from './use-cases/find-nearby-cases.js';
import { getFieldToday } from './use-cases/get-field-today.js';
import { listActivity } from './use-cases/list-activity.js';
import { supportCase } from './use-cases/support-case.js';

export function fieldRoutes(app: App, deps: { db: Db; audit: typeof recordAudit }) {
  app.get(
    '/field/today',
    {
      schema: {
        tags: ['field'],
        summary:
          'The worker app’s day: my grids, my open patrol, cases to verify, my reports, visits due, my frequent matters',
        response: { 200: FieldToday },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrols.record');
      return getFieldToday(deps.db, actor, new Date());
    },
  );

  app.get(
    '/field/nearby-cases',
    {
      schema: {
        tags: ['field'],
        summary:
          '“Is it this one?”: open cases of the matter within twice its duplicate radius (at least 100 m), nearest first, at most 5',
        querystring: NearbyCasesQuery,
        response: { 200: NearbyCaseList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.read');
      return findNearbyCases(deps.db, actor, request.query);
    },
  );

  app.get(
    '/field/cases/:code/verification',
    {
      schema: {
        tags: ['field'],
        summary:
          'What the verifier checks on site: the case, the reports’ photos and the handling unit’s feedback with its photos (in my scope)',
        params: CaseCodeParams,
        response: { 200: CaseToVerify },
      },
    },
    async (request) => {
      const actor = authorize(request, 'cases.verify');
      return getCaseToVerify(deps.db, actor, request.params.code);
    },
  );

  app.post(
    '/cases/:code/support',
    {
      schema: {
        tags: ['field'],
        summary:
          '“Me too” from the field: my report joins this open case as a supporter (as a report merged at intake). Idempotency-Key supported.',
        params: CaseCodeParams,
        headers: IdempotencyHeaders,
        body: SupportCaseBody,
        response: { 200: IntakeResult },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'cases.report');
      // Staff who see the cases of their area; residents follow only their own reports.
      if (!can(actor.roles, 'cases.read')) throw new DomainError('forbidden');
      const outcome = await supportCase(deps, {
        actor,
        context: auditContextOf(request),
        code: request.params.code,
        body: request.body,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.get(
    '/field/activity',
    {
      schema: {
        tags: ['field'],
        summary:
          'Each worker’s day in a grid or region of my scope: patrol minutes and distance, field reports, verifications, visits (audited)',
        querystring: ActivityQuery,
        response: { 200: WorkerActivityList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrols.read');
      return listActivity(deps.db, actor, auditContextOf(request), request.query, new Date());
    },
  );
}
