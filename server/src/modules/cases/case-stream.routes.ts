import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { Executor } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { authorize } from '../accounts/authorize.js';
import { deskCaseScopeOf } from './case-scope.js';
import { casesRepository } from './cases.repository.js';

/** How often each connection looks for new timeline events, and sends a keep-alive comment. */
export interface CaseStreamTiming {
  pollMs: number;
  heartbeatMs: number;
}
const DEFAULT_TIMING: CaseStreamTiming = { pollMs: 1000, heartbeatMs: 15_000 };
const BATCH = 200;

/**
 * GET /api/cases/stream: Server-Sent Events of new timeline events of the cases the caller
 * may read (`event: case`, `id:` the event id, data `{caseCode, type, toState, at}`), so
 * that open desks refresh what changed. Each connection polls case_events by increasing
 * id; a reconnecting browser sends Last-Event-ID and gets what it missed. Comments every
 * 15 s keep proxies from closing an idle stream.
 */
export function caseStreamRoutes(app: App, db: Executor, timing: CaseStreamTiming = DEFAULT_TIMING) {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    '/cases/stream',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Live timeline events of the cases in scope (text/event-stream; honours Last-Event-ID; heartbeat comments)',
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })) }),
      },
    },
    async (request, reply) => {
      const actor = authorize(request, null);
      const scope = deskCaseScopeOf(actor);
      const header = request.headers['last-event-id'];
      let lastId = header ? Number(header) : await casesRepository.latestEventId(db);

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
      let polling = false;
      const poll = async () => {
        if (closed || polling) return;
        polling = true;
        try {
          const rows = await casesRepository.eventsAfterInScope(db, lastId, scope, BATCH);
          for (const row of rows) {
            if (closed) return;
            lastId = row.id;
            const data = { caseCode: row.caseCode, type: row.type, toState: row.toState, at: row.at.toISOString() };
            raw.write(`id: ${row.id}\nevent: case\ndata: ${JSON.stringify(data)}\n\n`);
          }
        } catch (error) {
          request.log.warn({ err: error }, 'case stream poll failed');
        } finally {
          polling = false;
        }
      };
      const pollTimer = setInterval(poll, timing.pollMs);
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), timing.heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(pollTimer);
        clearInterval(heartbeat);
        open.delete(close);
        if (!raw.writableEnded) raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
      raw.on('close', close);
      void poll();
    },
  );
}
