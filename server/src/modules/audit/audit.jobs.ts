import type { KeyObject } from 'node:crypto';
import type { Database } from '../../db/client.js';
import type { App, ModuleContext } from '../../platform/http.js';
import type { JobDefinition } from '../jobs/index.js';
import { makeAuditCheckpoint } from './make-audit-checkpoint.js';

/** Signs an audit checkpoint every `minutes` (see makeAuditCheckpoint); one process at a time, like every job. */
export function auditCheckpointJob(database: Database, key: KeyObject, minutes: number): JobDefinition {
  return {
    name: 'audit-checkpoint',
    intervalMs: minutes * 60_000,
    async run({ log }) {
      const checkpoint = await makeAuditCheckpoint(database.db, key);
      log.debug({ checkpoint: checkpoint.id }, 'audit checkpoint signed');
    },
  };
}

/** The audit module's background jobs. */
export const auditJobs = ({ config, database }: ModuleContext): JobDefinition[] => [
  auditCheckpointJob(database, config.auditSigningKey, config.auditCheckpointMinutes),
];

/**
 * One more checkpoint when the app closes cleanly, so the rows written since the last
 * periodic one are anchored too (before main.ts closes the database). A job still
 * finishing meanwhile does no harm: a checkpoint signs whatever has committed.
 */
export function checkpointAuditAtShutdown(app: App, database: Database, key: KeyObject): void {
  app.addHook('onClose', async () => {
    await makeAuditCheckpoint(database.db, key).catch((err: unknown) =>
      app.log.error({ err }, 'audit checkpoint at shutdown failed'),
    );
  });
}
