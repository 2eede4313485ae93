import type { Photo } from '@yiwang/contracts';
import { patrolServerId, setUploadTrigger, uploadPatrols } from '../patrol/patrol-store';
import { send } from '../shell/http';
import { currentUserId, refreshSession, sessionEnded, sessionStore } from '../shell/session';
import { createStore } from '../shell/store';
import {
  type Answer,
  afterAnswer,
  afterNetworkReturns,
  classifyStatus,
  dueItems,
  mainRequest,
  nextWakeAt,
  type OutboxItem,
  resultOf,
  sentToForget,
  withPhotoUploaded,
} from './outbox-logic';
import { forgetItems, onEnqueued, outboxItems, photoBlob, saveItem, sendingIds, settleItem } from './outbox-store';

/**
 * Items sent at once: a browser opens at most six HTTP/1.1 connections to one host, and a
 * backlog drains fastest when the server always has the next report waiting. The order
 * between items does not matter to the server (each stands alone).
 */
const CONCURRENCY = 6;
/** Even with nothing due, look again this often (a missed `online` event, points to flush). */
const PERIODIC_MS = 20_000;

export const syncStatus = createStore<{ running: boolean; online: boolean }>({
  running: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
});

const deliveredListeners = new Set<(item: OutboxItem) => void>();
/** Told of every item the server has acknowledged (e.g. to ask for today's list again). */
export function onDelivered(listener: (item: OutboxItem) => void): () => void {
  deliveredListeners.add(listener);
  return () => deliveredListeners.delete(listener);
}

let running = false;
let again = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let forcePoints = false;

/** Uploads the photos of an item that the server does not have yet, then its main request. */
async function deliver(item: OutboxItem): Promise<OutboxItem | 'unauthenticated'> {
  let current = item;
  for (const [index, photo] of current.photos.entries()) {
    if (photo.photoId) continue;
    const blob = await photoBlob(photo.blobId);
    if (!blob) {
      // The photo is gone from the phone (storage cleared by the system): send the rest rather than nothing.
      continue;
    }
    const form = new FormData();
    form.append('file', blob, 'photo.jpg');
    const uploaded = await send<Photo>('POST', '/photos', { form, idempotencyKey: photo.key });
    if (!uploaded.ok) {
      if (classifyStatus(uploaded.status) === 'unauthenticated') return 'unauthenticated';
      return afterAnswer(current, uploaded, Date.now());
    }
    // Not saved yet: the item is saved once, with the main request's outcome. Should the app
    // die before that, the upload is sent again under the same key and the server answers
    // with this same photo, so a save here would only cost the backlog an IndexedDB write.
    current = withPhotoUploaded(current, index, uploaded.body.id);
  }
  const patrolId =
    current.request.kind === 'visit' && current.request.patrolLocalId
      ? await patrolServerId(current.request.patrolLocalId)
      : undefined;
  const request = mainRequest(current, patrolId);
  // The patrol is not on the server yet (its start failed to go this round): try again after it.
  if (request === 'waiting-for-patrol') return { ...current, state: 'queued', nextAttemptAt: Date.now() + 5_000 };
  const answer = await send<unknown>('POST', request.path, {
    json: request.body,
    idempotencyKey: current.id,
  });
  if (!answer.ok && classifyStatus(answer.status) === 'unauthenticated') return 'unauthenticated';
  const normalized: Answer = answer.ok
    ? { status: answer.status, ok: true, result: resultOf(current.request.kind, answer.body) }
    : answer;
  return afterAnswer(current, normalized, Date.now());
}

/** One round: session check, patrol upload, then the due items, CONCURRENCY at a time. */
async function syncRound(): Promise<void> {
  if (!navigator.onLine) return;
  const state = sessionStore.get();
  if (state.status !== 'signed-in') return;
  if (state.offline) {
    // Started offline from the phone's copy: the server decides now (and gives the CSRF token).
    const checked = await refreshSession();
    if (checked.status === 'signed-out') {
      sessionEnded();
      return;
    }
    if (checked.status === 'signed-in' && checked.offline) return;
  }
  const userId = currentUserId();
  if (!userId) return;

  const patrols = await uploadPatrols(userId, forcePoints);
  forcePoints = false;
  if (patrols === 'unauthenticated') return sessionEnded();

  let stop = false;
  const queue = dueItems(outboxItems.get(), userId, Date.now());
  const worker = async () => {
    for (let item = queue.shift(); item && !stop; item = queue.shift()) {
      const id = item.id;
      sendingIds.set((ids) => new Set(ids).add(id));
      try {
        const outcome = await deliver(item);
        if (outcome === 'unauthenticated') {
          stop = true;
          continue;
        }
        await settleItem(outcome);
        if (outcome.state === 'sent') for (const listener of deliveredListeners) listener(outcome);
      } finally {
        sendingIds.set((ids) => {
          const next = new Set(ids);
          next.delete(id);
          return next;
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (stop) return sessionEnded();
  await forgetItems(sentToForget(outboxItems.get(), Date.now()));
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  const userId = currentUserId();
  const wake = userId ? nextWakeAt(outboxItems.get(), userId) : null;
  const delay = wake === null ? PERIODIC_MS : Math.min(PERIODIC_MS, Math.max(0, wake - Date.now()));
  timer = setTimeout(() => {
    forcePoints = true;
    void syncNow();
  }, delay);
}

/**
 * Sends what is due, now. Safe to call any time from anywhere: one round runs at a time
 * (a call during a round makes one more round after it), and across tabs of the app a
 * Web Lock keeps two rounds from sending the same items at once (the server would answer
 * the second with a replay; this just saves the traffic).
 */
export async function syncNow(options: { flushPoints?: boolean } = {}): Promise<void> {
  if (options.flushPoints) forcePoints = true;
  if (running) {
    again = true;
    return;
  }
  running = true;
  syncStatus.set((s) => ({ ...s, running: true }));
  try {
    do {
      again = false;
      const round = () => syncRound();
      if (navigator.locks) await navigator.locks.request('yiwang-worker-outbox', round);
      else await round();
    } while (again);
  } catch (error) {
    // A failing round (IndexedDB trouble) must not stop the periodic sync; the next one tries again.
    console.error('outbox sync failed', error);
  } finally {
    running = false;
    syncStatus.set((s) => ({ ...s, running: false }));
    schedule();
  }
}

let started = false;

/** Sync on start, on every return of the network, on each new item and periodically. */
export function startSync(): void {
  if (started) return;
  started = true;
  setUploadTrigger(() => void syncNow());
  onEnqueued(() => void syncNow());
  window.addEventListener('online', () => {
    syncStatus.set((s) => ({ ...s, online: true }));
    void (async () => {
      for (const item of afterNetworkReturns(outboxItems.get(), Date.now())) await saveItem(item);
      await syncNow({ flushPoints: true });
    })();
  });
  window.addEventListener('offline', () => syncStatus.set((s) => ({ ...s, online: false })));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncNow();
  });
  void syncNow({ flushPoints: true });
}
