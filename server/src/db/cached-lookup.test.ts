import { describe, expect, it } from 'vitest';
import { allowCachedLookups, type CachedLookupOptions, cachedLookup } from './cached-lookup.js';
import type { Db } from './client.js';

/** A database stand-in: LISTEN answered by hand, NOTIFY sent by hand, loads counted. */
function world(options: { listenFails?: boolean } = {}) {
  const db = {} as Db;
  const listeners = new Map<string, Set<() => void>>();
  let answerListen: (() => void) | undefined;
  const listening = new Promise<void>((resolve) => {
    answerListen = resolve;
  });
  allowCachedLookups({
    db,
    listen: async (channel, listener) => {
      await listening;
      if (options.listenFails) throw new Error('connection refused');
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
  let clock = 0;
  const loads: string[] = [];
  const rows = new Map<string, string>([['a', 'A1']]);
  const lookup = (extra: Partial<CachedLookupOptions<string, string | undefined>> = {}) =>
    cachedLookup<string, string | undefined>({
      channels: ['one', 'two'],
      load: async (_db, key) => {
        loads.push(key);
        return rows.get(key);
      },
      maxAgeMs: 1000,
      now: () => clock,
      ...extra,
    });
  return {
    db,
    rows,
    loads,
    lookup,
    tick: (ms: number) => {
      clock += ms;
    },
    notify: (channel: string) => {
      for (const listener of listeners.get(channel) ?? []) listener();
    },
    /** Answers the LISTEN and lets its continuation run. */
    listen: async () => {
      answerListen?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

/** A world listening for NOTIFY whose lookup has read and kept 'a' (read once before listening, once after). */
async function listeningWithA() {
  const w = world();
  const lookup = w.lookup();
  await lookup.get(w.db, 'a');
  await w.listen();
  await lookup.get(w.db, 'a');
  return { w, lookup };
}

describe('cachedLookup', () => {
  it('keeps nothing until every channel is listened to', async () => {
    const w = world();
    const lookup = w.lookup();
    expect(await lookup.get(w.db, 'a')).toBe('A1');
    expect(await lookup.get(w.db, 'a')).toBe('A1');
    expect(w.loads).toEqual(['a', 'a']);
    await w.listen();
    await lookup.get(w.db, 'a');
    await lookup.get(w.db, 'a');
    expect(w.loads).toEqual(['a', 'a', 'a']);
  });

  it('reads again after the max age', async () => {
    const { w, lookup } = await listeningWithA();
    w.rows.set('a', 'A2');
    w.tick(999);
    expect(await lookup.get(w.db, 'a')).toBe('A1');
    w.tick(1);
    expect(await lookup.get(w.db, 'a')).toBe('A2');
  });

  it('forgets everything at a NOTIFY on any of its channels, and at clear()', async () => {
    const { w, lookup } = await listeningWithA();
    w.rows.set('a', 'A2');
    w.notify('unrelated');
    expect(await lookup.get(w.db, 'a')).toBe('A1');
    w.notify('two');
    expect(await lookup.get(w.db, 'a')).toBe('A2');
    w.rows.set('a', 'A3');
    lookup.clear(w.db);
    expect(await lookup.get(w.db, 'a')).toBe('A3');
    expect(await lookup.get(w.db, 'a')).toBe('A3');
    expect(w.loads).toEqual(['a', 'a', 'a', 'a']);
  });

  it('does not keep a value read while a NOTIFY arrived (it may be the old row)', async () => {
    const w = world();
    let release: (() => void) | undefined;
    const lookup = w.lookup({
      load: async (_db, key) => {
        w.loads.push(key);
        const value = w.rows.get(key);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return value;
      },
    });
    const first = lookup.get(w.db, 'a');
    release?.();
    await first;
    await w.listen();
    const reading = lookup.get(w.db, 'a');
    w.rows.set('a', 'A2');
    w.notify('one');
    release?.();
    expect(await reading).toBe('A1');
    const next = lookup.get(w.db, 'a');
    release?.();
    expect(await next).toBe('A2');
  });

  it('loads a value once for every request that wants it meanwhile, but not across a NOTIFY', async () => {
    const w = world();
    const releases: (() => void)[] = [];
    const lookup = w.lookup({
      load: async (_db, key) => {
        w.loads.push(key);
        const value = w.rows.get(key);
        await new Promise<void>((resolve) => {
          releases.push(resolve);
        });
        return value;
      },
    });
    const first = lookup.get(w.db, 'a');
    releases.shift()?.();
    await first;
    await w.listen();
    // Sixteen requests at once when the value is not kept: one load.
    const together = Array.from({ length: 16 }, () => lookup.get(w.db, 'a'));
    expect(w.loads).toEqual(['a', 'a']);
    // A change meanwhile: a request after the NOTIFY does not take the load begun before it.
    w.rows.set('a', 'A2');
    w.notify('one');
    const after = lookup.get(w.db, 'a');
    expect(w.loads).toEqual(['a', 'a', 'a']);
    for (const release of releases.splice(0)) release();
    expect(new Set(await Promise.all(together))).toEqual(new Set(['A1']));
    expect(await after).toBe('A2');
    // The load begun before the NOTIFY was not kept; the one after it was.
    expect(await lookup.get(w.db, 'a')).toBe('A2');
    expect(w.loads).toEqual(['a', 'a', 'a']);
  });

  it('never keeps a miss, nor what `keep` refuses', async () => {
    const w = world();
    const lookup = w.lookup();
    const refusing = w.lookup({ keep: (value) => value !== 'A1' });
    await lookup.get(w.db, 'a');
    await refusing.get(w.db, 'a');
    await w.listen();
    w.loads.length = 0;
    await lookup.get(w.db, 'missing');
    await lookup.get(w.db, 'missing');
    await refusing.get(w.db, 'a');
    await refusing.get(w.db, 'a');
    expect(w.loads).toEqual(['missing', 'missing', 'a', 'a']);
  });

  it('reads through when LISTEN fails, and for anything but an app database (a transaction)', async () => {
    const failing = world({ listenFails: true });
    const lookup = failing.lookup();
    await lookup.get(failing.db, 'a');
    await failing.listen();
    await lookup.get(failing.db, 'a');
    await lookup.get(failing.db, 'a');
    expect(failing.loads).toEqual(['a', 'a', 'a']);

    const w = world();
    const other = w.lookup();
    const tx = {} as Db;
    await other.get(tx, 'a');
    await w.listen();
    await other.get(tx, 'a');
    await other.get(tx, 'a');
    expect(w.loads).toEqual(['a', 'a', 'a']);
  });

  it('keeps values per database: one app never sees another database’s', async () => {
    const w1 = world();
    const w2 = world();
    w2.rows.set('a', 'B1');
    const lookup = w1.lookup({ load: async (db, key) => (db === w1.db ? w1.rows : w2.rows).get(key) });
    await lookup.get(w1.db, 'a');
    await lookup.get(w2.db, 'a');
    await w1.listen();
    await w2.listen();
    expect(await lookup.get(w1.db, 'a')).toBe('A1');
    expect(await lookup.get(w2.db, 'a')).toBe('B1');
    w1.rows.set('a', 'A2');
    w2.rows.set('a', 'B2');
    lookup.clear(w1.db);
    expect(await lookup.get(w1.db, 'a')).toBe('A2');
    expect(await lookup.get(w2.db, 'a')).toBe('B1');
  });
});
