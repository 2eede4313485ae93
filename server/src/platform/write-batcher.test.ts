import { describe, expect, it, vi } from 'vitest';
import { type BatchResult, writeBatcher } from './write-batcher.js';

/** A write whose batches finish when the test says so, recording what each batch held. */
function controlledWrite() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const write = (jobs: readonly number[]) =>
    new Promise<BatchResult<string>[]>((resolve) => {
      batches.push([...jobs]);
      finishers.push(() =>
        resolve(
          jobs.map((j) => (j < 0 ? { ok: false, error: new Error(`refused ${j}`) } : { ok: true, value: `w${j}` })),
        ),
      );
    });
  const finishNext = async () => {
    finishers.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, write, finishNext };
}

describe('writeBatcher', () => {
  it('writes a job at once when nothing is in flight, and groups what queued meanwhile', async () => {
    const { batches, write, finishNext } = controlledWrite();
    const batcher = writeBatcher(write, { maxBatch: 3, maxInFlight: 1 });
    const first = batcher.submit(1);
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((j) => batcher.submit(j));
    expect(batcher.pending).toEqual({ queued: 4, inFlight: 1 });
    await finishNext();
    expect(await first).toBe('w1');
    // The oldest three, then the last one.
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    await finishNext();
    expect(await Promise.all(rest)).toEqual(['w2', 'w3', 'w4', 'w5']);
    expect(batcher.pending).toEqual({ queued: 0, inFlight: 0 });
  });

  it('runs up to maxInFlight batches at once', () => {
    const { batches, write } = controlledWrite();
    const batcher = writeBatcher(write, { maxBatch: 10, maxInFlight: 2 });
    for (const j of [1, 2, 3, 4]) void batcher.submit(j);
    expect(batches).toEqual([[1], [2]]);
    expect(batcher.pending).toEqual({ queued: 2, inFlight: 2 });
  });

  it("answers each job with its own result, and a failed batch's error to all of its jobs", async () => {
    const batcher = writeBatcher(
      async (jobs: readonly number[]): Promise<BatchResult<string>[]> => {
        if (jobs.includes(99)) throw new Error('batch failed');
        return jobs.map((j) =>
          j < 0 ? { ok: false, error: new Error(`refused ${j}`) } : { ok: true, value: `w${j}` },
        );
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(batcher.submit(-1)).rejects.toThrow('refused -1');
    await expect(batcher.submit(7)).resolves.toBe('w7');
    await expect(batcher.submit(99)).rejects.toThrow('batch failed');
  });

  it('never puts two jobs with the same key in one batch', async () => {
    const { batches, write, finishNext } = controlledWrite();
    const batcher = writeBatcher(write, { maxBatch: 10, maxInFlight: 1, keyOf: (j: number) => String(j % 10) });
    const all = [1, 2, 11, 3, 21].map((j) => batcher.submit(j));
    await finishNext();
    await finishNext();
    await finishNext();
    await finishNext();
    expect(batches).toEqual([[1], [2, 11, 3], [21]]);
    expect(await Promise.all(all)).toEqual(['w1', 'w2', 'w11', 'w3', 'w21']);
  });

  it('with lingerMs, a second slot waits for more jobs while a batch is in flight, and never when idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { batches, write, finishNext } = controlledWrite();
      const batcher = writeBatcher(write, { maxBatch: 3, maxInFlight: 2, lingerMs: 5 });
      const all = [batcher.submit(1)];
      expect(batches).toEqual([[1]]); // idle: at once
      all.push(batcher.submit(2));
      expect(batches).toEqual([[1]]); // one in flight: the free slot waits
      all.push(batcher.submit(3));
      await vi.advanceTimersByTimeAsync(4);
      expect(batches).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(1);
      expect(batches).toEqual([[1], [2, 3]]); // the linger ran out: what came meanwhile, together
      all.push(batcher.submit(4), batcher.submit(5), batcher.submit(6));
      await finishNext();
      // A slot freed with a full batch waiting: no linger.
      expect(batches).toEqual([[1], [2, 3], [4, 5, 6]]);
      await finishNext();
      await finishNext();
      all.push(batcher.submit(7));
      expect(batches.at(-1)).toEqual([7]); // idle again: at once
      await finishNext();
      expect(await Promise.all(all)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']);
      expect(batcher.pending).toEqual({ queued: 0, inFlight: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds back a job whose conflict keys a batch in flight holds, and the later jobs meeting it, in order; others go on', async () => {
    const { batches, write, finishNext } = controlledWrite();
    // Jobs 1x share key "a", 2x share "b"; 30 has none.
    const keysOf = (j: number) => (j >= 30 ? [] : [j < 20 ? 'a' : 'b']);
    const batcher = writeBatcher(write, { maxBatch: 10, maxInFlight: 3, conflictKeysOf: keysOf });
    const all = [batcher.submit(10)];
    expect(batches).toEqual([[10]]);
    // 11 meets the batch in flight; 21 meets nothing held and goes into a second batch.
    all.push(batcher.submit(11));
    all.push(batcher.submit(21));
    expect(batches).toEqual([[10], [21]]);
    // 12 waits behind 11 even though it would fit, 22 behind the batch holding "b", 30 goes.
    all.push(batcher.submit(12), batcher.submit(22), batcher.submit(30));
    expect(batches).toEqual([[10], [21], [30]]);
    expect(batcher.pending).toEqual({ queued: 3, inFlight: 3 });
    // The first batch ends: the jobs it held back go together (a batch may share its keys).
    await finishNext();
    expect(batches).toEqual([[10], [21], [30], [11, 12]]);
    await finishNext();
    expect(batches.at(-1)).toEqual([22]);
    await finishNext();
    await finishNext();
    await finishNext();
    expect(await Promise.all(all)).toEqual(['w10', 'w11', 'w21', 'w12', 'w22', 'w30']);
    expect(batcher.pending).toEqual({ queued: 0, inFlight: 0 });
  });
});
