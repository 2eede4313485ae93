import {
  EndPatrolBody,
  IdempotencyHeaders,
  IdParams,
  LivePositionList,
  LivePositionsQuery,
  Patrol,
  PatrolTrackList,
  PostTrackPointsBody,
  PostTrackPointsResult,
  StartPatrolBody,
  TracksQuery,
} from '@yiwang/contracts';
import type { App } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { idempotencyClaimOf, sendIdempotent } from '../idempotency/index.js';
import type { PatrolDeps } from './patrol-deps.js';
import { endPatrol } from './use-cases/end-patrol.js';
import { recordTrackPoints } from './use-cases/record-track-points.js';
import { startPatrol } from './use-cases/start-patrol.js';
import { listLivePositions, listTracks } from './use-cases/view-patrols.js';

const optionalDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

export function patrolsRoutes(app: App, deps: PatrolDeps) {
  app.post(
    '/patrols',
    {
      schema: {
        tags: ['patrols'],
        summary:
          'Start a patrol (巡查): 201 with the new one, or 200 with the one I already have open. Idempotency-Key supported.',
        headers: IdempotencyHeaders,
        body: StartPatrolBody,
        response: { 200: Patrol, 201: Patrol },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'patrols.record');
      const outcome = await startPatrol(deps, {
        actor,
        context: auditContextOf(request),
        startedAt: optionalDate(request.body.startedAt),
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/patrols/:id/points',
    {
      schema: {
        tags: ['patrols'],
        summary:
          'Upload a batch of GPS fixes (1–500) of my patrol; a fix with the same time as a stored one is skipped. Fixes must lie within the patrol’s time (±10 min) and not in the future.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PostTrackPointsBody,
        response: { 200: PostTrackPointsResult },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'patrols.record');
      const outcome = await recordTrackPoints(deps, {
        actor,
        context: auditContextOf(request),
        patrolId: request.params.id,
        points: request.body.points,
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.post(
    '/patrols/:id/end',
    {
      schema: {
        tags: ['patrols'],
        summary: 'End my patrol (ending one already ended answers it unchanged)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: EndPatrolBody,
        response: { 200: Patrol },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'patrols.record');
      const outcome = await endPatrol(deps, {
        actor,
        context: auditContextOf(request),
        patrolId: request.params.id,
        endedAt: optionalDate(request.body.endedAt),
        now: new Date(),
        idempotency: idempotencyClaimOf(request, actor, request.body),
      });
      return sendIdempotent(reply, outcome);
    },
  );

  app.get(
    '/patrols/live',
    {
      schema: {
        tags: ['patrols'],
        summary:
          'Live positions: the latest fix of each worker on patrol in the area (last 15 minutes). Personal data: every view is audited.',
        querystring: LivePositionsQuery,
        response: { 200: LivePositionList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrols.read');
      return listLivePositions(deps.db, actor, auditContextOf(request), request.query, new Date());
    },
  );

  app.get(
    '/patrols/tracks',
    {
      schema: {
        tags: ['patrols'],
        summary:
          'Patrol tracks of a day (China time) in a grid or region of my scope, as GeoJSON LineStrings with the visits made on them. Personal data: every view is audited.',
        querystring: TracksQuery,
        response: { 200: PatrolTrackList },
      },
    },
    async (request) => {
      const actor = authorize(request, 'patrols.read');
      return listTracks(deps.db, actor, auditContextOf(request), request.query);
    },
  );
}
