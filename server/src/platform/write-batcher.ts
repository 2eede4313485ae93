/**
 * Group commit for one kind of write: callers submit jobs, and whatever has queued while
 * earlier batches were being written goes to the database together, as one transaction with
 * a few multi-row statements. Under load most of a write's cost is per round trip (building
 * the statement, the socket, the server's parse and its commit), so sixteen writes sharing a
 * batch cost little more than one; when idle a job starts at once, alone, and waits for
 * nothing. Each job's caller is answered only after its batch committed, so an
 * acknowledgement still means the job is stored.
 */
export interface WriteBatcher<J, R> {
  /** Resolves with the job's result after its batch committed, or rejects with its error. */
  submit(job: J): Promise<R>;
  /** Jobs waiting for a batch and batches being written, for tests and diagnostics. */
  readonly pending: { queued: number; inFlight: number };
}

/** One job's result in a batch: a batch may answer some jobs and refuse others. */
export type BatchResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface WriteBatcherOptions<J> {
  /** Largest batch: a bound on one transaction's locks and statement size. */
  maxBatch: number;
  /** Batches written at once, each on a connection of its own. */
  maxInFlight: number;
  /**
   * Two jobs with the same key never share a batch (the later waits for a later batch), e.g.
   * two requests with one Idempotency-Key: the second must see the first's committed answer.
   */
  keyOf?: (job: J) => string | undefined;
  /**
   * What a job locks in the database (e.g. the intake's cell locks). A job that would wait
   * there for a batch in flight waits here instead, and so does a later job meeting it (each
   * key's jobs keep their order): inside the database it would wait holding its own batch's
   * locks, and every job of its batch would wait with it — one repeated report would stall
   * the batches behind it in a convoy. Jobs of one batch may share keys (the write sees them
   * together). Another process's batches still meet in the database.
   */
  conflictKeysOf?: (job: J) => readonly string[];
  /**
   * While another batch is being written, a free slot waits this long for more jobs before
   * it starts a batch short of `maxBatch` (default 0: it starts at once). Fewer, fuller
   * batches cost fewer round trips and commits per job; a job that finds nothing in flight
   * still starts at once, so an idle server adds no delay.
   */
  lingerMs?: number;
}

export function writeBatcher<J, R>(
  write: (jobs: readonly J[]) => Promise<BatchResult<R>[]>,
  options: WriteBatcherOptions<J>,
): WriteBatcher<J, R> {
  interface Waiting {
    job: J;
    conflictKeys: readonly string[];
    resolve: (value: R) => void;
    reject: (error: unknown) => void;
  }
  let queue: Waiting[] = [];
  let inFlight = 0;
  /** The conflict keys of the batches in flight (no two share one: nextBatch holds such a job back). */
  const held = new Set<string>();
  let lingering: NodeJS.Timeout | undefined;
  const lingerMs = options.lingerMs ?? 0;

  /**
   * The next batch: the oldest jobs, up to the limit, no key twice, none meeting the conflict
   * keys of a batch in flight or of an older job left waiting; the rest stay, in order.
   */
  function nextBatch(): { batch: Waiting[]; left: Waiting[] } {
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    const keys = new Set<string>();
    const leftKeys = new Set<string>();
    for (const waiting of queue) {
      const key = options.keyOf?.(waiting.job);
      if (
        batch.length >= options.maxBatch ||
        (key !== undefined && keys.has(key)) ||
        waiting.conflictKeys.some((k) => held.has(k) || leftKeys.has(k))
      ) {
        left.push(waiting);
        for (const k of waiting.conflictKeys) leftKeys.add(k);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(waiting);
    }
    return { batch, left };
  }

  async function run(batch: Waiting[]) {
    const conflictKeys = new Set(batch.flatMap((w) => w.conflictKeys));
    for (const k of conflictKeys) held.add(k);
    try {
      const results = await write(batch.map((w) => w.job));
      batch.forEach((waiting, i) => {
        const result = results[i];
        if (!result) waiting.reject(new Error('a batch answered fewer jobs than it was given'));
        else if (result.ok) waiting.resolve(result.value);
        else waiting.reject(result.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      for (const k of conflictKeys) held.delete(k);
      inFlight--;
      pump();
    }
  }

  /** Starts batches while slots are free and jobs may go (`lingerOver`: the linger's wait has ended). */
  function pump(lingerOver = false) {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const { batch, left } = nextBatch();
      // Every queued job waits for a batch in flight, whose end pumps again.
      if (batch.length === 0) return;
      if (!lingerOver && inFlight > 0 && batch.length < options.maxBatch && lingerMs > 0) {
        lingering ??= setTimeout(() => {
          lingering = undefined;
          pump(true);
        }, lingerMs);
        return;
      }
      lingerOver = false;
      clearTimeout(lingering);
      lingering = undefined;
      queue = left;
      inFlight++;
      void run(batch);
    }
  }

  return {
    submit(job) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ job, conflictKeys: options.conflictKeysOf?.(job) ?? [], resolve, reject });
        pump();
      });
    },
    get pending() {
      return { queued: queue.length, inFlight };
    },
  };
}
