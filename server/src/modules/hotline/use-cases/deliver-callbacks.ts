import type { Db } from '../../../db/client.js';
import type { HotlineConfig } from '../../../platform/config.js';
import { type HotlineCallbackRow, hotlineRepository } from '../hotline.repository.js';
import { signHotline } from '../signature.js';

const BATCH = 50;
/** A claimed callback is another process's again if this one has not finished it by then. */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 3_600_000;
/** Passes per run; each pass sends at most one callback per work order (in event order). */
const MAX_PASSES = 100;

export interface CallbackRun {
  queued: number;
  delivered: number;
  retried: number;
  failed: number;
}

export type SendCallback = (url: string, init: { headers: Record<string, string>; body: string }) => Promise<number>;

/** POSTs with a timeout; the status code, or a thrown network error. */
export const postCallback: SendCallback = async (url, { headers, body }) => {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  return response.status;
};

/** Delay before attempt n+1 after n failed ones: base, 2·base, 4·base … capped at an hour. */
export const backoffMs = (baseMs: number, attempts: number): number =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * Status push-back to the 12345 platform: queues a callback for each new timeline event
 * of a hotline case, then delivers due ones signed like the inbound work orders. A non-2xx
 * answer or a network error is retried with exponential backoff; after
 * `hotline.maxAttempts` the callback is marked failed and the next event of that work
 * order goes out. The receiver may see a callback twice only if this process dies between
 * its answer and the commit; `eventId` is its idempotency key.
 */
export async function deliverHotlineCallbacks(
  db: Db,
  hotline: HotlineConfig,
  options: { now?: () => Date; send?: SendCallback } = {},
): Promise<CallbackRun> {
  const now = options.now ?? (() => new Date());
  const send = options.send ?? postCallback;
  const run: CallbackRun = { queued: 0, delivered: 0, retried: 0, failed: 0 };
  const { callbackUrl, secret } = hotline;
  if (!callbackUrl || !secret) return run;

  run.queued = await db.transaction((tx) => hotlineRepository.enqueueNewEvents(tx, now()));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const at = now();
    const claimed = await db.transaction((tx) =>
      hotlineRepository.claimDue(tx, at, BATCH, new Date(at.getTime() + LEASE_MS)),
    );
    if (claimed.length === 0) break;
    for (const row of claimed) {
      const outcome = await deliver(callbackUrl, secret, row, send, at);
      const finishedAt = now();
      if (outcome.ok) {
        await hotlineRepository.markDelivered(db, row.id, finishedAt);
        run.delivered++;
      } else if (row.attempts >= hotline.maxAttempts) {
        await hotlineRepository.markFailed(db, row.id, finishedAt, outcome.error);
        run.failed++;
      } else {
        const retryAt = new Date(finishedAt.getTime() + backoffMs(hotline.retryBaseMs, row.attempts));
        await hotlineRepository.scheduleRetry(db, row.id, retryAt, outcome.error);
        run.retried++;
      }
    }
  }
  return run;
}

async function deliver(
  url: string,
  secret: string,
  row: HotlineCallbackRow,
  send: SendCallback,
  at: Date,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const body = JSON.stringify(row.payload);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  try {
    const status = await send(url, {
      headers: {
        'content-type': 'application/json',
        'x-hotline-timestamp': timestamp,
        'x-hotline-signature': signHotline(secret, timestamp, body),
        'x-hotline-event-id': String(row.eventId),
      },
      body,
    });
    return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message.slice(0, 200) : 'network error' };
  }
}
