import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { App, JobContext, JobDefinition } from '../../platform/http.js';
import { jobsRepository } from './jobs.repository.js';
import { JOB_LEASE_MS, nextRunAfterSuccess, retryDelayMs, wakeDelayMs } from './schedule.js';

export type { JobContext, JobDefinition };

export type JobRunOutcome =
  | { ran: true; ok: boolean }
  | { ran: false; reason: 'not-due' | 'held-elsewhere' | 'database-unavailable' | 'stopped' };

export interface JobRunner {
  /** Runs a job now, due or not (joining its run in progress here); not while another process holds it. */
  runNow(name: string): Promise<JobRunOutcome>;
  /** Stops ticking and waits for running jobs to finish (they are asked to stop early). */
  stop(): Promise<void>;
}

interface JobState {
  job: JobDefinition;
  timer: NodeJS.Timeout | null;
  running: Promise<JobRunOutcome> | null;
  /** Failures to reach the database in a row (the jobs row cannot count them then). */
  unreachable: number;
}

/**
 * Runs each job on its interval, first at once. Every tick claims the job's row with a
 * lease (renewed while it runs), so of several server processes only one runs a job at
 * a time; the others find it held and look again an interval later. A failure is logged
 * and retried with backoff; nothing a job throws reaches the process.
 */
export function startJobRunner(database: Database, definitions: JobDefinition[], log: FastifyBaseLogger): JobRunner {
  const db = database.db;
  const runner = randomUUID();
  const controller = new AbortController();
  const states = new Map<string, JobState>();
  for (const job of definitions) {
    if (states.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    states.set(job.name, { job, timer: null, running: null, unreachable: 0 });
  }
  let stopped = false;
  let rows: Promise<void> | null = null;
  const ensureRows = (): Promise<void> => {
    rows ??= jobsRepository.dueAtStart(db, [...states.keys()], new Date()).catch((err: unknown) => {
      rows = null;
      throw err;
    });
    return rows;
  };

  const schedule = (state: JobState, delayMs: number) => {
    if (stopped) return;
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void tick(state, false), delayMs);
    state.timer.unref();
  };

  const attempt = async (state: JobState, force: boolean): Promise<{ outcome: JobRunOutcome; delayMs: number }> => {
    const { job } = state;
    const startedAt = new Date();
    let claim: { failures: number } | null;
    try {
      await ensureRows();
      claim = await jobsRepository.claim(db, {
        name: job.name,
        runner,
        now: startedAt,
        leaseUntil: new Date(startedAt.getTime() + JOB_LEASE_MS),
        force,
      });
    } catch (err) {
      state.unreachable += 1;
      const delayMs = retryDelayMs(state.unreachable, job.intervalMs);
      log.error({ err, job: job.name, retryInMs: delayMs }, 'background job could not be claimed');
      return { outcome: { ran: false, reason: 'database-unavailable' }, delayMs };
    }
    state.unreachable = 0;
    if (!claim) {
      const next = await jobsRepository.nextRunAt(db, job.name).catch(() => null);
      const due = next !== null && next.getTime() <= Date.now();
      return {
        outcome: { ran: false, reason: due || force ? 'held-elsewhere' : 'not-due' },
        delayMs: wakeDelayMs(next?.getTime() ?? null, Date.now(), job.intervalMs),
      };
    }

    const renewal = setInterval(() => {
      jobsRepository
        .renew(db, job.name, runner, new Date(Date.now() + JOB_LEASE_MS))
        .then((held) => {
          if (!held) log.warn({ job: job.name }, 'background job lease lost while running');
        })
        .catch((err: unknown) => log.warn({ err, job: job.name }, 'background job lease not renewed'));
    }, JOB_LEASE_MS / 3);
    renewal.unref();
    let error: unknown = null;
    try {
      await job.run({ log, signal: controller.signal });
    } catch (err) {
      error = err ?? new Error('job failed');
    } finally {
      clearInterval(renewal);
    }

    const finishedAt = new Date();
    const failures = error === null ? 0 : claim.failures + 1;
    const nextRunAt =
      error === null
        ? nextRunAfterSuccess(startedAt.getTime(), finishedAt.getTime(), job.intervalMs)
        : finishedAt.getTime() + retryDelayMs(failures, job.intervalMs);
    if (error !== null) {
      log.error(
        { err: error, job: job.name, failures, retryAt: new Date(nextRunAt).toISOString() },
        'background job failed',
      );
    }
    try {
      await jobsRepository.finish(db, job.name, runner, {
        nextRunAt: new Date(nextRunAt),
        finishedAt,
        failures,
        error: error === null ? null : String(error instanceof Error ? error.message : error).slice(0, 2000),
      });
    } catch (err) {
      // The lease runs out by itself; the job is then claimable again.
      log.error({ err, job: job.name }, 'background job outcome not recorded');
    }
    return { outcome: { ran: true, ok: error === null }, delayMs: Math.max(0, nextRunAt - Date.now()) };
  };

  const tick = (state: JobState, force: boolean): Promise<JobRunOutcome> => {
    if (stopped) return Promise.resolve({ ran: false, reason: 'stopped' });
    state.running ??= attempt(state, force)
      .then(({ outcome, delayMs }) => {
        schedule(state, delayMs);
        return outcome;
      })
      .catch((err: unknown): JobRunOutcome => {
        // Not expected (attempt catches what it awaits), but a job must never stop ticking.
        log.error({ err, job: state.job.name }, 'background job tick failed');
        schedule(state, state.job.intervalMs);
        return { ran: false, reason: 'database-unavailable' };
      })
      .finally(() => {
        state.running = null;
      });
    return state.running;
  };

  for (const state of states.values()) schedule(state, 0);

  return {
    runNow(name) {
      const state = states.get(name);
      if (!state) throw new Error(`no job named ${name}`);
      return tick(state, true);
    },
    async stop() {
      stopped = true;
      controller.abort();
      for (const state of states.values()) if (state.timer) clearTimeout(state.timer);
      await Promise.all([...states.values()].map((state) => state.running?.catch(() => undefined)));
    },
  };
}

/** Starts the runner with the app and stops it when the app closes (before the database is closed). */
export function runJobsWithApp(app: App, database: Database, definitions: JobDefinition[]): JobRunner {
  const runner = startJobRunner(database, definitions, app.log);
  app.addHook('onClose', () => runner.stop());
  return runner;
}
