import { Type } from 'typebox';
import type { Database } from '../../db/client.js';
import { DEFAULT_EVENT_STREAM_TIMING, type EventStreamTiming, eventStreams } from '../../platform/event-stream.js';
import type { App } from '../../platform/http.js';
import { authorize } from '../accounts/index.js';
import { onDomainEvents } from '../events/index.js';
import { openCaseStream } from './use-cases/read-case-events.js';

const BATCH = 200;

/**
 * GET /api/cases/stream: Server-Sent Events of new case events of the domain event log
 * the caller may read (`event: case`, `id:` the event id, data `{caseCode, type, toState,
 * at}`), so that open desks refresh what changed. Each connection reads the log by
 * increasing id when a commit on any server process wakes it (LISTEN/NOTIFY); a
 * reconnecting browser sends Last-Event-ID and gets what it missed. The plumbing (wake-ups,
 * fallback poll, heartbeats, clean-up) is platform/event-stream.ts; this route only reads.
 */
export function caseStreamRoutes(
  app: App,
  database: Database,
  timing: EventStreamTiming = DEFAULT_EVENT_STREAM_TIMING,
) {
  const db = database.db;
  const serveStream = eventStreams(app);

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
      serveStream(request, reply, {
        startAfter: stream.startAfter,
        timing,
        name: 'case stream',
        listen: (wake) => onDomainEvents(database, wake),
        read: async (lastId) => {
          const rows = await stream.next(lastId, BATCH);
          return {
            messages: rows.map((row) => ({
              id: row.id,
              event: 'case',
              data: { caseCode: row.caseCode, type: row.type, toState: row.toState, at: row.at.toISOString() },
            })),
            more: rows.length === BATCH,
          };
        },
      });
    },
  );
}
