import type { Database } from '../../db/client.js';
import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { type CaseSettings, caseSettingsFrom } from './cases.settings.js';
import { processDueTimers, type TimerRun } from './use-cases/process-due-timers.js';

const BATCH = 100;

/**
 * Case timers (warnings, overdue, escalation, callback, archive): each pass drains every
 * due timer, batch after batch. Exactly once does not rest on the runner: each timer is
 * claimed with FOR UPDATE SKIP LOCKED and marked done in the transaction that applies it.
 */
export function caseTimersJob(database: Database, settings: CaseSettings): JobDefinition {
  return {
    name: 'case-timers',
    intervalMs: settings.timerIntervalMs,
    async run({ log, signal }) {
      const total: TimerRun = { claimed: 0, applied: 0, stale: 0, failed: 0 };
      for (;;) {
        const run = await processDueTimers(database.db, new Date(), BATCH, settings);
        total.claimed += run.claimed;
        total.applied += run.applied;
        total.stale += run.stale;
        total.failed += run.failed;
        if (signal.aborted || run.claimed < BATCH || run.failed === run.claimed) break;
      }
      if (total.claimed > 0) log.info({ timers: total }, 'case timers processed');
    },
  };
}

/** The case module's background jobs. */
export const caseJobs = ({ database }: ModuleContext): JobDefinition[] => [
  caseTimersJob(database, caseSettingsFrom(process.env)),
];
