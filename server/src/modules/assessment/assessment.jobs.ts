import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { refreshIndicatorCounters } from './use-cases/count-indicators.js';

/** Keeps the indicator counters of closed periods up to date from the domain event log (issue 12 item 10). */
export const assessmentJobs = ({ database }: ModuleContext): JobDefinition[] => [
  {
    name: 'assessment-indicator-counters',
    intervalMs: 60_000,
    async run({ log }) {
      const run = await refreshIndicatorCounters(database.db, new Date());
      if (run.counted + run.forgotten > 0) log.info({ counters: run }, 'assessment indicator counters updated');
    },
  },
];
