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
  app.get(
    '/registry/households',
    {
      schema: {
        tags,
        summary: 'Households of my scope (a worker: their grids), by address or member name',
        querystring: HouseholdListQuery,
        response: { 200: HouseholdList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return listHouseholds(deps, { actor, q: request.query.q, limit: request.query.limit });
    },
  );
  app.get(
    '/registry/households/:id',
    {
      schema: {
        tags,
        summary: 'A household page: members (masked), dwelling, visits, history',
        params: IdParams,
        response: { 200: HouseholdPage },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return getHouseholdPage(deps, { actor, id: request.params.id });
    },
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
  app.get(
    '/registry/visit-reviews',
    {
      schema: {
        tags,
        summary: 'Visit changes waiting for (or past) the community desk’s review',
        querystring: VisitReviewQuery,
        response: { 200: VisitReviewList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.review');
      return { items: await listVisitReviews(deps, { actor, state: request.query.state }) };
    },
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
  app.get(
    '/registry/quality',
    {
      schema: {
        tags,
        summary: 'Data quality per community and base grid of my scope: collection rate, accuracy, what is missing',
        querystring: RegistryQualityQuery,
        response: { 200: RegistryQuality },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return getRegistryQuality(deps.db, { actor, now: new Date(), windowDays: request.query.windowDays });
    },
  );
  app.get(
    '/registry/quality/:code/missing',
    {
      schema: {
        tags,
        summary:
          'What is missing in a base grid: dwellings without household, households never visited, people without ID',
        params: GridCodeParams,
        response: { 200: QualityMissing },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registry.read');
      return getQualityMissing(deps.db, { actor, gridCode: request.params.code });
    },
  );
}
