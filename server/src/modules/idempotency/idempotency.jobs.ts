import type { ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { idempotencyKeysRepository } from './idempotency-keys.repository.js';

/** A phone may stay offline for days (a worker's outbox retries when it is back): keep keys a month. */
export const IDEMPOTENCY_KEY_TTL_MS = 30 * 24 * 3_600_000;
/** Keys are kept for a month: an hourly sweep is plenty. */
const SWEEP_INTERVAL_MS = 3_600_000;

/** Deletes Idempotency-Keys older than a client's retries could ever be. */
export const idempotencyJobs = ({ database }: ModuleContext): JobDefinition[] => [
  {
    name: 'idempotency-key-cleanup',
    intervalMs: SWEEP_INTERVAL_MS,
    async run() {
      await idempotencyKeysRepository.deleteIdempotencyKeysBefore(
        database.db,
        new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS),
      );
    },
  },
];
