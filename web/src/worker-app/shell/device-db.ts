import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { OutboxItem } from '../outbox/outbox-logic';
import type { LocalPatrol, TrackPoint } from '../patrol/patrol-logic';

/**
 * Everything the app keeps on the phone, in one IndexedDB database: the outbox (with the
 * photos as Blobs until the server has them), patrols and their buffered track points, and
 * the last answers of a few reads (today, the matter catalog, the session) for offline starts.
 */
interface DeviceSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem };
  blobs: { key: string; value: { id: string; blob: Blob } };
  patrols: { key: string; value: LocalPatrol };
  points: { key: number; value: TrackPoint; indexes: { byPatrol: string } };
  cache: { key: string; value: { key: string; value: unknown; savedAt: number } };
}

export type DeviceDb = IDBPDatabase<DeviceSchema>;

let opened: Promise<DeviceDb> | null = null;

export function deviceDb(): Promise<DeviceDb> {
  opened ??= openDB<DeviceSchema>('yiwang-worker', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' });
      db.createObjectStore('blobs', { keyPath: 'id' });
      db.createObjectStore('patrols', { keyPath: 'localId' });
      db.createObjectStore('points', { keyPath: 'seq', autoIncrement: true }).createIndex('byPatrol', 'patrolLocalId');
      db.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  return opened;
}

/** The last good answer of a read, kept for when the phone is offline. */
export async function readCache<T>(key: string): Promise<{ value: T; savedAt: number } | undefined> {
  const row = await (await deviceDb()).get('cache', key);
  return row ? { value: row.value as T, savedAt: row.savedAt } : undefined;
}

export async function writeCache(key: string, value: unknown): Promise<void> {
  await (await deviceDb()).put('cache', { key, value, savedAt: Date.now() });
}

export async function deleteCache(key: string): Promise<void> {
  await (await deviceDb()).delete('cache', key);
}
