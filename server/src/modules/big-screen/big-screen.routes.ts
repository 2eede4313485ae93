import { BigScreen, BigScreenGrids } from '@yiwang/contracts';
import { Type } from 'typebox';
import { DEFAULT_EVENT_STREAM_TIMING, type EventStreamTiming, eventStreams } from '../../platform/event-stream.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { onDomainEvents } from '../events/index.js';
import { readBigScreen } from './use-cases/read-big-screen.js';
import { readScreenGrids } from './use-cases/read-screen-grids.js';
import { watchBigScreen } from './use-cases/watch-big-screen.js';

/**
 * The big screen: GET /big-screen (the aggregate of the caller's scope), GET /big-screen/grids
 * (the outlines, read once) and GET /big-screen/stream (Server-Sent Events `event: changed`
 * with only the newest event id, whenever a case or patrol of the scope changed; the screen
 * re-reads the aggregate). Read with `screen.read`: desks, and the read-only screen role.
 */
export function bigScreenRoutes(app: App, ctx: ModuleContext, timing: EventStreamTiming = DEFAULT_EVENT_STREAM_TIMING) {
  const { database } = ctx;
  const db = database.db;

  app.get(
    '/big-screen',
    {
      schema: {
        tags: ['big-screen'],
        summary: 'The big screen of the caller’s scope (no personal data)',
        response: { 200: BigScreen },
      },
    },
    async (request) => {
      const actor = authorize(request, 'screen.read');
      return readBigScreen({ db }, { actor, context: auditContextOf(request), now: new Date() });
    },
  );

  app.get(
    '/big-screen/grids',
    {
      schema: {
        tags: ['big-screen'],
        summary: 'The grid outlines of the caller’s scope',
        response: { 200: BigScreenGrids },
      },
    },
    async (request) => {
      const actor = authorize(request, 'screen.read');
      return readScreenGrids({ db }, { actor });
    },
  );

  const serveStream = eventStreams(app);

  app.get(
    '/big-screen/stream',
    {
      schema: {
        tags: ['big-screen'],
        summary: 'A ping whenever a case or patrol of the scope changed (text/event-stream; Last-Event-ID; heartbeats)',
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })) }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'screen.read');
      const header = request.headers['last-event-id'];
      const watch = await watchBigScreen({ db }, { actor, lastEventId: header ? Number(header) : undefined });
      serveStream(request, reply, {
        startAfter: watch.startAfter,
        timing,
        name: 'big screen stream',
        listen: (wake) => onDomainEvents(database, wake),
        // Only the newest id: the screen re-reads the aggregate, so one ping says all.
        read: async (lastId) => {
          const newest = await watch.next(lastId);
          return { messages: newest === null ? [] : [{ id: newest, event: 'changed', data: {} }], more: false };
        },
      });
    },
  );
}
