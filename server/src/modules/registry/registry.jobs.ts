import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { regionsLookups } from '../regions/index.js';
import { keepQualityDay } from './use-cases/data-quality.js';

/** Keeps each base grid's data quality of the day (issue 11 item 7); the desk also computes today's on demand. */
export const registryJobs = ({ database }: ModuleContext): JobDefinition[] => [
  {
    name: 'registry-quality-daily',
    intervalMs: 24 * 60 * 60_000,
    async run({ log }) {
      const [root] = await regionsLookups.roots(database.db);
      if (!root) return;
      const grids = await keepQualityDay(database.db, new Date(), root.path);
      log.info({ grids }, 'registry data quality kept');
    },
  },
];
