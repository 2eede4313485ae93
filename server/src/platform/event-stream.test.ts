import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type EventStreamOptions, eventStreams, type StreamMessage } from './event-stream.js';
import type { App } from './http.js';

/** The SSE plumbing alone, over a log kept in memory: what a route only supplies is its read. */

const FAST = { fallbackPollMs: 60, heartbeatMs: 40 };
let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function serve(options: Omit<EventStreamOptions, 'timing' | 'name'>) {
  // Closing drops the sockets the aborted fetches leave open, so a test does not wait for them.
  const created = Fastify({ forceCloseConnections: true }) as unknown as App;
  const serveStream = eventStreams(created);
  created.get('/stream', async (request, reply) =>
    serveStream(request, reply, { ...options, timing: FAST, name: 'test' }),
  );
  app = created;
  return created.listen({ port: 0, host: '127.0.0.1' });
}

/** Reads the stream until `done` says so (or 5 s pass), then cancels it. */
async function readUntil(url: string, done: (text: string) => boolean): Promise<string> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 5_000;
  while (!done(text) && Date.now() < deadline) {
    const next = await reader.read();
    if (next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  abort.abort();
  return text;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('eventStreams (Server-Sent Events plumbing)', () => {
  it('sends what the read finds after the start, woken by listen, in batches until a read is short', async () => {
    const log: StreamMessage[] = Array.from({ length: 5 }, (_, i) => ({
      id: i + 1,
      event: 'case',
      data: { n: i + 1 },
    }));
    let wake: () => void = () => undefined;
    const base = await serve({
      startAfter: 1,
      listen: async (w) => {
        wake = w;
        return () => undefined;
      },
      // Two at a time: a full batch reads again at once.
      read: async (lastId) => {
        const messages = log.filter((m) => m.id > lastId).slice(0, 2);
        return { messages, more: messages.length === 2 };
      },
    });
    const reading = readUntil(`${base}/stream`, (text) => text.includes('id: 6\n'));
    await sleep(30);
    log.push({ id: 6, event: 'case', data: { n: 6 } });
    wake();
    const text = await reading;
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([2, 3, 4, 5, 6]);
    expect(text).toContain('id: 2\nevent: case\ndata: {"n":2}\n\n');
  });

  it('polls and sends heartbeats when it cannot listen, and stops reading once the browser has gone', async () => {
    let reads = 0;
    const base = await serve({
      startAfter: 0,
      listen: async () => {
        throw new Error('no LISTEN here');
      },
      read: async (lastId) => {
        reads += 1;
        // The third read (the second poll) finds an event.
        return { messages: reads === 3 ? [{ id: lastId + 1, event: 'changed', data: {} }] : [], more: false };
      },
    });
    const text = await readUntil(`${base}/stream`, (t) => t.includes('event: changed') && t.includes(': heartbeat'));
    expect(text).toContain('id: 1\nevent: changed\ndata: {}\n\n');
    expect(text).toContain(': heartbeat\n\n');
    await sleep(100); // the server notices the closed connection
    const after = reads;
    await sleep(250); // several poll intervals
    expect(reads).toBe(after);
  });

  it('ends every open stream when the app closes', async () => {
    const base = await serve({
      startAfter: 0,
      listen: async () => () => undefined,
      read: async () => ({ messages: [], more: false }),
    });
    const response = await fetch(`${base}/stream`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // retry: 3000
    await app?.close();
    app = null;
    let ended = false;
    for (let i = 0; i < 20 && !ended; i++) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });
});
