import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { deleteExpiredTracks, type RetentionRun } from './use-cases/delete-expired-tracks.js';

/** Retention is counted in days: an hourly sweep keeps it to within the hour. */
const SWEEP_INTERVAL_MS = 3_600_000;

export interface RetentionLoop {
  /** One sweep now (a sweep already running is joined, not doubled). */
  sweep(): Promise<RetentionRun>;
  stop(): Promise<void>;
}

/** Deletes expired patrol tracks at start and then every hour (see deleteExpiredTracks). */
export function startTrackRetentionLoop(
  database: Database,
  retentionDays: number,
  log: FastifyBaseLogger,
  intervalMs = SWEEP_INTERVAL_MS,
): RetentionLoop {
  let running: Promise<RetentionRun> | null = null;
  const sweep = (): Promise<RetentionRun> => {
    if (!running) {
      running = deleteExpiredTracks(database.db, { now: new Date(), retentionDays })
        .then((run) => {
          if (run.patrols > 0) log.info({ retention: run, retentionDays }, 'expired patrol tracks deleted');
          return run;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const onTick = () => {
    sweep().catch((err: unknown) => log.error({ err }, 'patrol track retention sweep failed'));
  };
  const interval = setInterval(onTick, intervalMs);
  interval.unref();
  onTick();
  return {
    sweep,
    async stop() {
      clearInterval(interval);
      await running?.catch(() => undefined);
    },
  };
}

/** Starts the sweep with the app and stops it when the app closes (before the database is closed). */
export function runTrackRetentionWithApp(app: App, database: Database, retentionDays: number): RetentionLoop {
  const loop = startTrackRetentionLoop(database, retentionDays, app.log);
  app.addHook('onClose', () => loop.stop());
  return loop;
}
