import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { accountsRepository } from './accounts.repository.js';

const DAY_MS = 86_400_000;

/**
 * Failed sign-ins under unknown names are counted so that they lock like an account's;
 * each name tried leaves a row. A day after its last failure (far past any lock) it is forgotten.
 */
export const accountsJobs = ({ config, database }: ModuleContext): JobDefinition[] => [
  {
    name: 'login-failures-prune',
    intervalMs: 3_600_000,
    async run({ log }) {
      const keep = Math.max(DAY_MS, config.lockout.minutes * 60_000);
      const pruned = await accountsRepository.pruneUnknownNameFailures(database.db, new Date(Date.now() - keep));
      if (pruned > 0) log.info({ pruned }, 'stale unknown-name sign-in failures forgotten');
    },
  },
];
