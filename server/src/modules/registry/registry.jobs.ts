import type { ModuleContext } from '../../platform/http.js';
import { gridLocatorFor } from '../grids/index.js';
import type { JobDefinition } from '../jobs/index.js';
import { regionsLookups } from '../regions/index.js';
import { linkCasesToFacilities } from './use-cases/case-links.js';
import { keepQualityDay } from './use-cases/data-quality.js';

/** Keeps each base grid's data quality of the day (issue 11 item 7); the desk also computes today's on demand. */
export const registryJobs = ({ config, database }: ModuleContext): JobDefinition[] => [
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
  {
    // Facility-matter cases of the last two days to the one facility they lie on (use-cases/case-links.ts).
    name: 'registry-case-links',
    intervalMs: 5 * 60_000,
    async run({ log }) {
      const [root] = await regionsLookups.roots(database.db);
      if (!root) return;
      const deps = { db: database.db, secretKey: config.secretKey, locator: gridLocatorFor(database) };
      const links = await linkCasesToFacilities(deps, {
        rootPath: root.path,
        since: new Date(Date.now() - 2 * 86_400_000),
      });
      log.info({ links }, 'registry case links made');
    },
  },
];
