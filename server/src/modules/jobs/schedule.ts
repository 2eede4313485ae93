/**
 * When a background job runs next: pure arithmetic, so the runner only does I/O.
 * Times are epoch milliseconds.
 */

/** A failing job is retried no later than this (unless its own interval is longer). */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * After a success: one interval after the run started (a steady rhythm, as setInterval
 * had), or at once if the run took longer than that.
 */
export function nextRunAfterSuccess(startedAt: number, finishedAt: number, intervalMs: number): number {
  return Math.max(startedAt + intervalMs, finishedAt);
}

/**
 * After the `failures`-th failure in a row: the next tick (one interval), then doubling
 * each time, capped at MAX_RETRY_DELAY_MS — or at the interval, for jobs that run less
 * often than that (an hourly sweep is retried hourly).
 */
export function retryDelayMs(failures: number, intervalMs: number): number {
  const cap = Math.max(intervalMs, MAX_RETRY_DELAY_MS);
  const doublings = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(intervalMs * 2 ** doublings, cap);
}

/**
 * How long a runner that did not get a job sleeps before it looks again: until the job is
 * due, but at least once an interval (another process may run it and move it on). A job
 * due and yet not claimed is held by another process: look again in an interval.
 */
export function wakeDelayMs(nextRunAt: number | null, now: number, intervalMs: number): number {
  if (nextRunAt === null || nextRunAt <= now) return intervalMs;
  return Math.min(nextRunAt - now, intervalMs);
}

/** How long a claim holds a job without being renewed; renewed every third of it while the job runs. */
export const JOB_LEASE_MS = 60_000;
