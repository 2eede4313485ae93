import { deviceDb, newKey } from '../shell/device-db';
import { createStore } from '../shell/store';
import { newOutboxItem, type OutboxItem, type OutboxRequest, recoverInterrupted, retryByHand } from './outbox-logic';

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
