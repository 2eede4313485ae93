import { useSyncExternalStore } from 'react';

/** A value outside React (the sync engine changes it too) that components follow. */
export interface Store<T> {
  get(): T;
  set(next: T | ((previous: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

/**
 * `batchMs`: tell listeners at most this often (the outbox changes hundreds of times a second
 * while a backlog drains; the screen needs to redraw a few times a second, not each time).
 */
export function createStore<T>(initial: T, options: { batchMs?: number } = {}): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  let pending: ReturnType<typeof setTimeout> | null = null;
  const notify = () => {
    pending = null;
    for (const listener of listeners) listener();
  };
  return {
    get: () => value,
    set(next) {
      value = typeof next === 'function' ? (next as (previous: T) => T)(value) : next;
      if (!options.batchMs) return notify();
      if (pending === null) pending = setTimeout(notify, options.batchMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useStore = <T>(store: Store<T>): T => useSyncExternalStore(store.subscribe, store.get, store.get);
