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
    resolve: (value: R) => void;
    reject: (error: unknown) => void;
  }
  let queue: Waiting[] = [];
  let inFlight = 0;
  let lingering: NodeJS.Timeout | undefined;
  const lingerMs = options.lingerMs ?? 0;

  /** The next batch: the oldest jobs, up to the limit, no key twice; the rest stay in order. */
  function takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const left: Waiting[] = [];
    const keys = new Set<string>();
    for (const waiting of queue) {
      const key = options.keyOf?.(waiting.job);
      if (batch.length >= options.maxBatch || (key !== undefined && keys.has(key))) {
        left.push(waiting);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(waiting);
    }
    queue = left;
    return batch;
  }

  async function run(batch: Waiting[]) {
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
      inFlight--;
      pump();
    }
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      if (inFlight > 0 && queue.length < options.maxBatch && lingerMs > 0) {
        lingering ??= setTimeout(() => {
          start();
          pump();
        }, lingerMs);
        return;
      }
      start();
    }
  }

  /** A batch of what is queued now, written in a free slot (after a linger, maybe none is free). */
  function start() {
    if (lingering) {
      clearTimeout(lingering);
      lingering = undefined;
    }
    if (inFlight >= options.maxInFlight || queue.length === 0) return;
    inFlight++;
    void run(takeBatch());
  }

  return {
    submit(job) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        pump();
      });
    },
    get pending() {
      return { queued: queue.length, inFlight };
    },
  };
}
