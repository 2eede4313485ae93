import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { deliverHotlineCallbacks } from './use-cases/deliver-callbacks.js';

/**
 * 12345 status callbacks, only when YIWANG_HOTLINE_CALLBACK_URL (and the secret) are set.
 * Queued from the case timeline into their own outbox; claims skip rows another holds.
 */
export const hotlineJobs = ({ config, database }: ModuleContext): JobDefinition[] => {
  const hotline = config.hotline;
  if (!hotline.callbackUrl || !hotline.secret) return [];
  return [
    {
      name: 'hotline-callbacks',
      intervalMs: Math.max(100, hotline.intervalMs),
      async run({ log }) {
        const run = await deliverHotlineCallbacks(database.db, hotline);
        if (run.delivered + run.retried + run.failed > 0) log.info({ callbacks: run }, 'hotline callbacks sent');
        if (run.failed > 0) log.warn({ failed: run.failed }, 'hotline callbacks given up');
      },
    },
  ];
};
