import type { Database } from '../../db/client.js';
import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { deleteExpiredTracks } from './use-cases/delete-expired-tracks.js';

/** Retention is counted in days: an hourly sweep keeps it to within the hour. */
const SWEEP_INTERVAL_MS = 3_600_000;

/** Patrol tracks are personal data: deleted YIWANG_PATROL_RETENTION_DAYS after the patrol's last activity. */
export function trackRetentionJob(database: Database, retentionDays: number): JobDefinition {
  return {
    name: 'patrol-track-retention',
    intervalMs: SWEEP_INTERVAL_MS,
    async run({ log }) {
      const run = await deleteExpiredTracks(database.db, { now: new Date(), retentionDays });
      if (run.patrols > 0) log.info({ retention: run, retentionDays }, 'expired patrol tracks deleted');
    },
  };
}

/** The patrol module's background jobs. */
export const patrolJobs = ({ config, database }: ModuleContext): JobDefinition[] => [
  trackRetentionJob(database, config.patrolRetentionDays),
];
