import {
  DecideReviewBody,
  GridCodeParams,
  HouseholdList,
  HouseholdListQuery,
  HouseholdPage,
  HouseholdVisit,
  HouseholdVisitBody,
  IdempotencyHeaders,
  IdParams,
  QualityMissing,
  RegistryQuality,
  RegistryQualityQuery,
  VisitReview,
  VisitReviewList,
  VisitReviewQuery,
} from '@yiwang/contracts';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import type { RegistryDeps } from './registry-deps.js';
import { registryReadRoute } from './registry-read-route.js';
import { getQualityMissing, getRegistryQuality } from './use-cases/data-quality.js';
import {
  decideVisitReview,
  getHouseholdPage,
  listHouseholds,
  listVisitReviews,
  recordHouseholdVisit,
} from './use-cases/household-visits.js';

const tags = ['registry'];

/** Household visits (走访) from the worker app, the community desk's review list, data quality per grid. */
export function registryVisitsRoutes(app: App, deps: RegistryDeps) {
  registryReadRoute(
    app,
    '/registry/households',
    {
      summary: 'Households of my scope (a worker: their grids), by address or member name',
      querystring: HouseholdListQuery,
      response: HouseholdList,
    },
    (actor, { query }) => listHouseholds(deps, { actor, q: query.q, limit: query.limit }),
  );
  registryReadRoute(
    app,
    '/registry/households/:id',
    {
      summary: 'A household page: members (masked), dwelling, visits, history',
      params: IdParams,
      response: HouseholdPage,
    },
    (actor, { params }) => getHouseholdPage(deps, { actor, id: params.id }),
  );
  app.post(
    '/registry/households/:id/visits',
    {
      schema: {
        tags,
        summary:
          'Record a household visit (走访): confirmed, or changes applied by rule or sent for review. Idempotency-Key supported.',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: HouseholdVisitBody,
        response: { 201: HouseholdVisit },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'registry.manage');
      const outcome = await recordHouseholdVisit(deps, {
        actor,
        context: auditContextOf(request),
        householdId: request.params.id,
        body: request.body,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );
  registryReadRoute(
    app,
    '/registry/visit-reviews',
    {
      summary: 'Visit changes waiting for (or past) the community desk’s review',
      querystring: VisitReviewQuery,
      response: VisitReviewList,
      permission: 'registry.review',
    },
    async (actor, { query }) => ({ items: await listVisitReviews(deps, { actor, state: query.state }) }),
  );
  app.post(
    '/registry/visit-reviews/:id/decide',
    {
      schema: {
        tags,
        summary: 'Approve (apply) or reject a visit’s change (audited)',
        params: IdParams,
        body: DecideReviewBody,
        response: { 200: VisitReview },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.review');
      return decideVisitReview(deps, {
        actor,
        context: auditContextOf(request),
        id: request.params.id,
        body: request.body,
        now: new Date(),
      });
    },
  );
  registryReadRoute(
    app,
    '/registry/quality',
    {
      summary: 'Data quality per community and base grid of my scope: collection rate, accuracy, what is missing',
      querystring: RegistryQualityQuery,
      response: RegistryQuality,
    },
    (actor, { query }) => getRegistryQuality(deps.db, { actor, now: new Date(), windowDays: query.windowDays }),
  );
  registryReadRoute(
    app,
    '/registry/quality/:code/missing',
    {
      summary:
        'What is missing in a base grid: dwellings without household, households never visited, people without ID',
      params: GridCodeParams,
      response: QualityMissing,
    },
    (actor, { params }) => getQualityMissing(deps.db, { actor, gridCode: params.code }),
  );
}
