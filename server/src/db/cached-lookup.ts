import type { Database, Executor } from './client.js';

/**
 * How long a value may be served with no wake-up. Changes are seen through NOTIFY within a
 * commit's time; this only bounds what a lost notification can cost (a listening connection
 * that drops and cannot be replaced, a write made with triggers off). 10 s keeps that worst
 * case short — a revoked key works at most 10 s longer on a process that missed the news —
 * while a reload per key every 10 s is nothing next to a query per request.
 */
export const CACHED_LOOKUP_MAX_AGE_MS = 10_000;
/** Beyond this many values a cache starts over: the sources are small (keys in use, matters, regions). */
const MAX_ENTRIES = 10_000;
/** After a failed LISTEN, reads go to the database for this long before listening is tried again. */
const RELISTEN_AFTER_MS = 5_000;

type Listen = Database['listen'];

/**
 * The databases whose values may be kept, with how to listen on them. Only an app's
 * database is here; anything else — an open transaction above all, which
 * may hold its own uncommitted change — reads through.
 */
const listeners = new WeakMap<Executor, Listen>();

/** Lets cached lookups keep values read from `database.db` (buildApp calls it for its database). */
export function allowCachedLookups(database: Pick<Database, 'db' | 'listen'>): void {
  listeners.set(database.db, database.listen);
}

export interface CachedLookupOptions<K, V> {
  /** NOTIFY channels that say the source changed (a statement trigger on each source table). */
  channels: readonly string[];
  load: (db: Executor, key: K) => Promise<V>;
  /** Which answers may be kept; by default all but `undefined` (a miss is asked again, never remembered). */
  keep?: (value: V) => boolean;
  maxAgeMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface CachedLookup<K, V> {
  /** The value for `key`: kept, or loaded (and kept when the database is listened to). */
  get(db: Executor, key: K): Promise<V>;
  /** Forgets what this process keeps for `db`: a writer calls it after its commit, so its own next read is fresh. */
  clear(db: Executor): void;
}

interface Entry<V> {
  value: V;
  loadedAt: number;
}

/** One database's values in one process. */
class LookupCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  /** Loads under way, with the generation each began in. */
  private readonly loading = new Map<K, { generation: number; value: Promise<V> }>();
  /** Moves at every clear: a load that began before it is not kept (it may have read the old row). */
  private generation = 0;
  private state: 'idle' | 'pending' | 'listening' = 'idle';
  private retryAt = 0;

  constructor(
    private readonly db: Executor,
    private readonly listen: Listen,
    private readonly options: CachedLookupOptions<K, V>,
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  clear = (): void => {
    this.entries.clear();
    this.generation++;
  };

  /** Nothing is kept until every channel is listened to: before that a change could go unseen. */
  private startListening(): void {
    if (this.state !== 'idle' || this.now() < this.retryAt) return;
    this.state = 'pending';
    const subscriptions = this.options.channels.map((channel) => this.listen(channel, this.clear));
    void Promise.allSettled(subscriptions).then((results) => {
      if (results.every((r) => r.status === 'fulfilled')) {
        this.clear();
        this.state = 'listening';
        return;
      }
      for (const r of results) if (r.status === 'fulfilled') r.value();
      this.state = 'idle';
      this.retryAt = this.now() + RELISTEN_AFTER_MS;
    });
  }

  async get(key: K): Promise<V> {
    if (this.state !== 'listening') {
      this.startListening();
      return this.options.load(this.db, key);
    }
    const kept = this.entries.get(key);
    const maxAge = this.options.maxAgeMs ?? CACHED_LOOKUP_MAX_AGE_MS;
    if (kept && this.now() - kept.loadedAt < maxAge) return kept.value;
    // One load per key at a time: when a value ages out under load, every request in flight
    // wants it at once, and each would pay a round trip for the same row. Joining a load is
    // safe as long as nothing was cleared since it began (its value would be kept then too).
    const loading = this.loading.get(key);
    if (loading && loading.generation === this.generation) return loading.value;
    const generation = this.generation;
    const value = this.load(key, generation).finally(() => {
      if (this.loading.get(key)?.value === value) this.loading.delete(key);
    });
    this.loading.set(key, { generation, value });
    return value;
  }

  private async load(key: K, generation: number): Promise<V> {
    const loadedAt = this.now();
    const value = await this.options.load(this.db, key);
    const keep = this.options.keep ?? ((v: V) => v !== undefined);
    if (generation === this.generation && keep(value)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, loadedAt });
    }
    return value;
  }
}

/**
 * A read-through cache for rows that almost never change but are read on every request
 * (an API key's actor, a matter, a region's command units, the grid map's version): per
 * database and per process, emptied by a NOTIFY from the source tables' statement triggers
 * (so a change in any process is seen within a commit's time), by the writer itself in its
 * own process, and after a replaced listening connection; values older than `maxAgeMs` are
 * read again.
 */
export function cachedLookup<K, V>(options: CachedLookupOptions<K, V>): CachedLookup<K, V> {
  const caches = new WeakMap<Executor, LookupCache<K, V>>();
  const cacheOf = (db: Executor): LookupCache<K, V> | undefined => {
    let cache = caches.get(db);
    if (!cache) {
      const listen = listeners.get(db);
      if (!listen) return undefined;
      cache = new LookupCache(db, listen, options);
      caches.set(db, cache);
    }
    return cache;
  };
  return {
    get: (db, key) => cacheOf(db)?.get(key) ?? options.load(db, key),
    clear: (db) => caches.get(db)?.clear(),
  };
}
