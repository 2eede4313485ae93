import type { ServerResponse } from 'node:http';
import { BigScreen, BigScreenGrids } from '@yiwang/contracts';
import { Type } from 'typebox';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from '../accounts/index.js';
import { onDomainEvents } from '../events/index.js';
import { readBigScreen } from './use-cases/read-big-screen.js';
import { readScreenGrids } from './use-cases/read-screen-grids.js';
import { watchBigScreen } from './use-cases/watch-big-screen.js';

export interface ScreenStreamTiming {
  fallbackPollMs: number;
  heartbeatMs: number;
}
const DEFAULT_TIMING: ScreenStreamTiming = { fallbackPollMs: 20_000, heartbeatMs: 15_000 };

/**
 * The big screen: GET /big-screen (the aggregate of the caller's scope), GET /big-screen/grids
 * (the outlines, read once) and GET /big-screen/stream (Server-Sent Events `event: changed`
 * with only the newest event id, whenever a case or patrol of the scope changed; the screen
 * re-reads the aggregate). Read with `screen.read`: desks, and the read-only screen role.
 */
export function bigScreenRoutes(app: App, ctx: ModuleContext, timing: ScreenStreamTiming = DEFAULT_TIMING) {
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

  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

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
      let lastId = watch.startAfter;

      reply.hijack();
      const raw: ServerResponse = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write('retry: 3000\n\n');

      let closed = false;
      let reading = false;
      let wokenWhileReading = false;
      const read = async () => {
        if (closed) return;
        if (reading) {
          wokenWhileReading = true;
          return;
        }
        reading = true;
        try {
          do {
            wokenWhileReading = false;
            const newest = await watch.next(lastId);
            if (newest !== null && !closed) {
              lastId = newest;
              raw.write(`id: ${newest}\nevent: changed\ndata: {}\n\n`);
            }
          } while (wokenWhileReading && !closed);
        } catch (error) {
          request.log.warn({ err: error }, 'big screen stream read failed');
        } finally {
          reading = false;
        }
      };

      let stopListening: () => void = () => undefined;
      const pollTimer = setInterval(() => void read(), timing.fallbackPollMs);
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), timing.heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        stopListening();
        clearInterval(pollTimer);
        clearInterval(heartbeat);
        open.delete(close);
        if (!raw.writableEnded) raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
      raw.on('close', close);

      try {
        const stop = await onDomainEvents(database, () => void read());
        if (closed) stop();
        else stopListening = stop;
      } catch (error) {
        request.log.warn({ err: error }, 'big screen stream not woken by commits; polling only');
      }
      void read();
    },
  );
}
