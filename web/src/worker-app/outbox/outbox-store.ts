import { newIdempotencyKey as newKey } from '../../shared/http';
import { deviceDb } from '../shell/device-db';
import { createStore } from '../shell/store';
import {
  editedItem,
  newOutboxItem,
  type OutboxItem,
  type OutboxPhoto,
  type OutboxRequest,
  photosLeftBehind,
  recoverInterrupted,
  retryByHand,
} from './outbox-logic';

/**
 * The outbox on the phone: IndexedDB is the truth (an item is written there before the
 * worker is told "saved"), `outboxItems` mirrors it for the screens.
 */
export const outboxItems = createStore<OutboxItem[]>([], { batchMs: 100 });
/** Items being sent right now (not stored: after a restart they are simply queued). */
export const sendingIds = createStore<ReadonlySet<string>>(new Set(), { batchMs: 100 });

const listeners = new Set<() => void>();
/** The sync engine listens: something new to send. */
export function onEnqueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function mirror(item: OutboxItem): void {
  outboxItems.set((items) => {
    const index = items.findIndex((i) => i.id === item.id);
    if (index === -1) return [...items, item].sort((a, b) => a.createdAt - b.createdAt);
    const next = items.slice();
    next[index] = item;
    return next;
  });
}

export async function loadOutbox(): Promise<void> {
  const db = await deviceDb();
  const stored = await db.getAll('outbox');
  const items = stored.map(recoverInterrupted);
  const tx = db.transaction('outbox', 'readwrite');
  for (const item of items) if (item !== stored.find((s) => s.id === item.id)) await tx.store.put(item);
  await tx.done;
  outboxItems.set(items.sort((a, b) => a.createdAt - b.createdAt));
}

/** Saves a submission (and its compressed photos) in one transaction; then it is the outbox's job. */
export async function enqueue(options: {
  userId: string;
  title: string;
  request: OutboxRequest;
  photos?: readonly Blob[];
}): Promise<OutboxItem> {
  const db = await deviceDb();
  const blobIds = (options.photos ?? []).map(() => newKey());
  const item = newOutboxItem({
    id: newKey(),
    userId: options.userId,
    now: Date.now(),
    title: options.title,
    request: options.request,
    photoBlobIds: blobIds,
  });
  const tx = db.transaction(['outbox', 'blobs'], 'readwrite');
  await Promise.all([
    ...blobIds.map((id, i) => tx.objectStore('blobs').put({ id, blob: options.photos?.[i] as Blob })),
    tx.objectStore('outbox').put(item),
    tx.done,
  ]);
  mirror(item);
  for (const listener of listeners) listener();
  return item;
}

export async function saveItem(item: OutboxItem): Promise<void> {
  await (await deviceDb()).put('outbox', item);
  mirror(item);
}

export async function photoBlob(blobId: string): Promise<Blob | undefined> {
  return (await (await deviceDb()).get('blobs', blobId))?.blob;
}

/**
 * Saves an item after its attempt, in one transaction: a sent item's photos are deleted with
 * it (the server has them), any other item keeps them for the next attempt.
 */
export async function settleItem(item: OutboxItem): Promise<void> {
  if (item.state !== 'sent' || item.photos.length === 0) return saveItem(item);
  const tx = (await deviceDb()).transaction(['outbox', 'blobs'], 'readwrite');
  await Promise.all([
    tx.objectStore('outbox').put(item),
    ...item.photos.map((p) => tx.objectStore('blobs').delete(p.blobId)),
    tx.done,
  ]);
  mirror(item);
}

/** Photos are kept until their item is acknowledged (then the server has them) or discarded. */
export async function dropPhotos(item: OutboxItem): Promise<void> {
  if (item.photos.length === 0) return;
  const tx = (await deviceDb()).transaction('blobs', 'readwrite');
  await Promise.all([...item.photos.map((p) => tx.store.delete(p.blobId)), tx.done]);
}

export async function forgetItems(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const tx = (await deviceDb()).transaction('outbox', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  outboxItems.set((items) => items.filter((i) => !ids.includes(i.id)));
}

/** The worker gives up on an item (a failed one, after reading why). */
export async function discardItem(id: string): Promise<void> {
  const item = outboxItems.get().find((i) => i.id === id);
  if (!item) return;
  await dropPhotos(item);
  await forgetItems([id]);
}

export async function retryItem(id: string): Promise<void> {
  const item = outboxItems.get().find((i) => i.id === id);
  if (!item) return;
  await saveItem(retryByHand(item, Date.now()));
  for (const listener of listeners) listener();
}

/** The failed item could not be replaced: it is no longer failed here (sent, retried or discarded meanwhile, e.g. in another tab). */
export class ItemGoneError extends Error {
  constructor(id: string) {
    super(`outbox item ${id} is no longer a failed item`);
    this.name = 'ItemGoneError';
  }
}

/**
 * The worker edited a failed item: the edited one (under a new key, with the photos taken
 * while editing) replaces it in one transaction — both are never there at once, and the
 * failed one is gone only once the edited one is stored. Refuses (ItemGoneError, nothing
 * written) when the failed item changed meanwhile, so an edit never doubles a report that
 * another tab has just resent.
 */
export async function replaceFailed(
  failedId: string,
  edit: {
    title: string;
    request: OutboxRequest;
    keptPhotos: readonly OutboxPhoto[];
    addedPhotos?: readonly Blob[];
  },
): Promise<OutboxItem> {
  const db = await deviceDb();
  const addedIds = (edit.addedPhotos ?? []).map(() => newKey());
  const tx = db.transaction(['outbox', 'blobs'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const blobs = tx.objectStore('blobs');
  const failed = await outbox.get(failedId);
  if (failed?.state !== 'failed') {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ItemGoneError(failedId);
  }
  const edited = editedItem(
    failed,
    { title: edit.title, request: edit.request, keptPhotos: edit.keptPhotos, addedPhotoBlobIds: addedIds },
    newKey(),
    Date.now(),
  );
  await Promise.all([
    ...addedIds.map((id, i) => blobs.put({ id, blob: edit.addedPhotos?.[i] as Blob })),
    ...photosLeftBehind(failed, edited).map((id) => blobs.delete(id)),
    outbox.put(edited),
    outbox.delete(failedId),
    tx.done,
  ]);
  outboxItems.set((items) =>
    [...items.filter((i) => i.id !== failedId), edited].sort((a, b) => a.createdAt - b.createdAt),
  );
  for (const listener of listeners) listener();
  return edited;
}
