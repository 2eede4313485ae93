/**
 * The screen's subscription to GET /api/big-screen/stream: Server-Sent Events read with
 * fetch (an EventSource cannot send the screen's API key), so a change of the scope wakes
 * the screen. Reconnects after an error with backoff (1 s → 30 s), resumes with
 * Last-Event-ID, and keeps nothing but the last id and a partial line: it can run for days.
 */

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
  retry: number | null;
}

/**
 * Splits received text into complete events (separated by a blank line); answers them and
 * the unfinished rest, to be prepended to the next chunk. Comments (`: heartbeat`) are skipped.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    let retry: number | null = null;
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields += 1;
      if (name === 'id') id = value;
      else if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
      else if (name === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (fields > 0) events.push({ id, event, data: data.join('\n'), retry });
  }
  return { events, rest };
}

/** The wait before reconnect attempt `n` (0-based) after failures: 1 s doubling to 30 s. */
export const backoffMs = (failures: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, failures));

export interface ChangeStreamOptions {
  headers: Record<string, string>;
  onChange: () => void;
  onStatus: (status: 'live' | 'reconnecting') => void;
  /** A 401/403: the screen's key was revoked; the stream stops. */
  onRefused: (status: number) => void;
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openChangeStream(options: ChangeStreamOptions): () => void {
  const controller = new AbortController();
  let lastId: string | null = null;
  let failures = 0;
  let retryMs = 3000;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    timer = null;
    let clean = false;
    try {
      const response = await fetch('/api/big-screen/stream', {
        headers: { Accept: 'text/event-stream', ...options.headers, ...(lastId ? { 'Last-Event-ID': lastId } : {}) },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (response.status === 401 || response.status === 403) {
        options.onRefused(response.status);
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let opened = false;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!opened) {
          opened = true;
          failures = 0;
          options.onStatus('live');
        }
        const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
        // A line longer than any event the server sends is garbage: drop it rather than grow.
        buffer = parsed.rest.length > 65_536 ? '' : parsed.rest;
        let changed = false;
        for (const event of parsed.events) {
          if (event.retry !== null) retryMs = event.retry;
          if (event.id !== null) lastId = event.id;
          if (event.event === 'changed') changed = true;
        }
        if (changed) options.onChange();
      }
      clean = true;
    } catch {
      if (controller.signal.aborted) return;
    }
    if (controller.signal.aborted) return;
    options.onStatus('reconnecting');
    // A stream the server ended cleanly is resumed after its `retry`; a failure backs off.
    const wait = clean ? retryMs : backoffMs(failures);
    if (!clean) failures += 1;
    // Something may have changed while disconnected: re-read once reconnected.
    options.onChange();
    timer = setTimeout(() => void connect(), wait);
  };

  void connect();
  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
  };
}
