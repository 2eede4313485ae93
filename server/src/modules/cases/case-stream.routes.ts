import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import type { Database } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { onDomainEvents } from '../events/index.js';
import { openCaseStream } from './use-cases/read-case-events.js';

/**
 * A connection reads the log when woken by a commit that appended events; the slow poll
 * is only a safety net (a notification lost with a dropped listening connection).
 */
export interface CaseStreamTiming {
  fallbackPollMs: number;
  heartbeatMs: number;
}
const DEFAULT_TIMING: CaseStreamTiming = { fallbackPollMs: 20_000, heartbeatMs: 15_000 };
const BATCH = 200;

/**
 * GET /api/cases/stream: Server-Sent Events of new case events of the domain event log
 * the caller may read (`event: case`, `id:` the event id, data `{caseCode, type, toState,
 * at}`), so that open desks refresh what changed. Each connection reads the log by
 * increasing id when a commit on any server process wakes it (LISTEN/NOTIFY); a
 * reconnecting browser sends Last-Event-ID and gets what it missed. Comments every 15 s
 * keep proxies from closing an idle stream.
 */
export function caseStreamRoutes(app: App, database: Database, timing: CaseStreamTiming = DEFAULT_TIMING) {
  const db = database.db;
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
      const header = request.headers['last-event-id'];
      const stream = await openCaseStream({ db }, { actor, lastEventId: header ? Number(header) : undefined });
      let lastId = stream.startAfter;

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
          // A commit after this read's query began: read once more when it is done.
          wokenWhileReading = true;
          return;
        }
        reading = true;
        try {
          do {
            wokenWhileReading = false;
            const rows = await stream.next(lastId, BATCH);
            for (const row of rows) {
              if (closed) return;
              lastId = row.id;
              const data = { caseCode: row.caseCode, type: row.type, toState: row.toState, at: row.at.toISOString() };
              raw.write(`id: ${row.id}\nevent: case\ndata: ${JSON.stringify(data)}\n\n`);
            }
            if (rows.length === BATCH) wokenWhileReading = true;
          } while (wokenWhileReading && !closed);
        } catch (error) {
          request.log.warn({ err: error }, 'case stream read failed');
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

      // Listening before the first read: nothing committed in between is missed.
      try {
        const stop = await onDomainEvents(database, () => void read());
        if (closed) stop();
        else stopListening = stop;
      } catch (error) {
        request.log.warn({ err: error }, 'case stream not woken by commits; polling only');
      }
      void read();
    },
  );
}
