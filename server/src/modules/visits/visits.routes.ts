import {
  CreateVisitPlanBody,
  IdempotencyHeaders,
  RecordVisitBody,
  Visit,
  VisitList,
  VisitListQuery,
  VisitPlan,
  VisitPlanList,
  VisitPlanListQuery,
} from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize, can } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import type { PatrolDeps } from '../patrols/index.js';
import { listVisits } from './use-cases/list-visits.js';
import { createVisitPlan, listVisitPlans } from './use-cases/plan-visit.js';
import { recordVisit } from './use-cases/record-visit.js';

/** Workers read their own visits and their grids' plans; the desk reads those of its scope. */
function authorizeVisitReader(request: FastifyRequest) {
  const actor = authorize(request, null);
  if (!can(actor.roles, 'visits.record') && !can(actor.roles, 'visits.read')) throw new DomainError('forbidden');
  return actor;
}

export function visitsRoutes(app: App, deps: PatrolDeps) {
  app.post(
    '/visits',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Record a household visit (走访): address, note, where, when, on which of my patrols, and the plan it closes. Idempotency-Key supported.',
        headers: IdempotencyHeaders,
        body: RecordVisitBody,
        response: { 201: Visit },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'visits.record');
      const outcome = await recordVisit(deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.get(
    '/visits',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Visits, latest first: mine (mine=true), or a grid’s or my scope’s (desk; audited), optionally of one day (China time)',
        querystring: VisitListQuery,
        response: { 200: VisitList },
      },
    },
    async (request) => {
      const actor = authorizeVisitReader(request);
      return listVisits(deps.db, actor, auditContextOf(request), request.query);
    },
  );

  app.post(
    '/visit-plans',
    {
      schema: {
        tags: ['visits'],
        summary: 'Plan a household visit in a grid of my scope (the grid’s workers see it as due)',
        headers: IdempotencyHeaders,
        body: CreateVisitPlanBody,
        response: { 201: VisitPlan },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'visits.plan');
      const outcome = await createVisitPlan(deps, {
        actor,
        context: auditContextOf(request),
        body: request.body,
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.get(
    '/visit-plans',
    {
      schema: {
        tags: ['visits'],
        summary: 'Visit plans of a grid or of my scope, soonest due first (open=true: not yet visited)',
        querystring: VisitPlanListQuery,
        response: { 200: VisitPlanList },
      },
    },
    async (request) => {
      const actor = authorizeVisitReader(request);
      return listVisitPlans(deps.db, actor, request.query);
    },
  );
}
