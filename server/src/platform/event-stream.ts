import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http.js';

/**
 * A connection reads when woken (a commit that appended events); the slow poll is only a
 * safety net (a wake-up lost with a dropped listening connection). Heartbeat comments keep
 * proxies from closing an idle stream.
 */
export interface EventStreamTiming {
  fallbackPollMs: number;
  heartbeatMs: number;
}
export const DEFAULT_EVENT_STREAM_TIMING: EventStreamTiming = { fallbackPollMs: 20_000, heartbeatMs: 15_000 };

/** One Server-Sent Event: `id:` (what a reconnecting browser sends back as Last-Event-ID), `event:` and JSON data. */
export interface StreamMessage {
  id: number;
  event: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** The id the first read starts after (from Last-Event-ID, or the newest at connection). */
  startAfter: number;
  /** What came after `lastId`; `more` reads again at once (a full batch). The route's own part. */
  read: (lastId: number) => Promise<{ messages: readonly StreamMessage[]; more: boolean }>;
  /** Subscribes to wake-ups (LISTEN/NOTIFY of the event log); answers how to unsubscribe. */
  listen: (wake: () => void) => Promise<() => void>;
  timing: EventStreamTiming;
  /** For the log: which stream failed. */
  name: string;
}

export type ServeEventStream = (request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions) => void;

/**
 * The Server-Sent Events plumbing of every stream route, once: answers `serve`, which takes the
 * reply over and sends what `read` finds whenever `listen` wakes it (or the fallback poll fires),
 * one read at a time (a wake-up during a read reads once more after it), with heartbeats; the
 * stream is cleaned up when the browser goes or the app closes. It listens before its first
 * read, so nothing committed in between is missed.
 */
export function eventStreams(app: App): ServeEventStream {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  return (request, reply, options) => {
    let lastId = options.startAfter;
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
          const { messages, more } = await options.read(lastId);
          for (const message of messages) {
            if (closed) return;
            lastId = message.id;
            raw.write(`id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
          }
          if (more) wokenWhileReading = true;
        } while (wokenWhileReading && !closed);
      } catch (error) {
        request.log.warn({ err: error }, `${options.name} read failed`);
      } finally {
        reading = false;
      }
    };

    let stopListening: () => void = () => undefined;
    const pollTimer = setInterval(() => void read(), options.timing.fallbackPollMs);
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), options.timing.heartbeatMs);
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

    void (async () => {
      // Listening before the first read: nothing committed in between is missed.
      try {
        const stop = await options.listen(() => void read());
        if (closed) stop();
        else stopListening = stop;
      } catch (error) {
        request.log.warn({ err: error }, `${options.name} not woken by commits; polling only`);
      }
      await read();
    })();
  };
}
