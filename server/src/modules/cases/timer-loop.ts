import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { casesRepository } from './cases.repository.js';
import type { CaseSettings } from './cases.settings.js';
import { processDueTimers, type TimerRun } from './use-cases/process-due-timers.js';

const BATCH = 100;
/** A phone may stay offline for days (a worker's outbox retries when it is back): keep keys a month. */
const IDEMPOTENCY_KEY_TTL_MS = 30 * 24 * 3_600_000;

export interface TimerLoop {
  /** One pass now: drains every due timer (batch after batch). */
  tick(): Promise<TimerRun>;
  stop(): Promise<void>;
}

/**
 * Runs the case timers every `settings.timerIntervalMs`, starting at once so that timers
 * that fell due while the server was down fire right after a restart. Passes never
 * overlap within a process; several processes may run loops side by side (the claim
 * skips rows another holds).
 */
export function startTimerLoop(database: Database, settings: CaseSettings, log: FastifyBaseLogger): TimerLoop {
  let running: Promise<TimerRun> | null = null;
  let stopped = false;

  const drain = async (): Promise<TimerRun> => {
    // Idempotency keys only need to outlive a client's retries, offline phones included.
    await casesRepository.deleteIdempotencyKeysBefore(database.db, new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS));
    const total: TimerRun = { claimed: 0, applied: 0, stale: 0, failed: 0 };
    for (;;) {
      const run = await processDueTimers(database.db, new Date(), BATCH, settings);
      total.claimed += run.claimed;
      total.applied += run.applied;
      total.stale += run.stale;
      total.failed += run.failed;
      if (stopped || run.claimed < BATCH || run.failed === run.claimed) return total;
    }
  };
  const tick = (): Promise<TimerRun> => {
    if (!running) {
      running = drain()
        .then((run) => {
          if (run.claimed > 0) log.info({ timers: run }, 'case timers processed');
          return run;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const onTick = () => {
    tick().catch((err: unknown) => log.error({ err }, 'case timer pass failed'));
  };
  const interval = setInterval(onTick, settings.timerIntervalMs);
  interval.unref();
  onTick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(interval);
      await running?.catch(() => undefined);
    },
  };
}

/** Starts the loop with the app and stops it when the app closes (before the database is closed). */
export function runTimersWithApp(app: App, database: Database, settings: CaseSettings): TimerLoop {
  const loop = startTimerLoop(database, settings, app.log);
  app.addHook('onClose', () => loop.stop());
  return loop;
}
