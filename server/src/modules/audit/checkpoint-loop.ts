import type { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import { makeAuditCheckpoint } from './make-audit-checkpoint.js';

export interface CheckpointLoop {
  /** One checkpoint now (one already being made is joined, not doubled). */
  checkpoint(): Promise<void>;
  stop(): Promise<void>;
}

/** Signs an audit checkpoint every `minutes` (see makeAuditCheckpoint). */
export function startAuditCheckpointLoop(
  database: Database,
  key: KeyObject,
  minutes: number,
  log: FastifyBaseLogger,
): CheckpointLoop {
  let running: Promise<void> | null = null;
  const checkpoint = (): Promise<void> => {
    if (!running) {
      running = makeAuditCheckpoint(database.db, key)
        .then((c) => log.debug({ checkpoint: c.id }, 'audit checkpoint signed'))
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const interval = setInterval(() => {
    checkpoint().catch((err: unknown) => log.error({ err }, 'audit checkpoint failed'));
  }, minutes * 60_000);
  interval.unref();
  return {
    checkpoint,
    async stop() {
      clearInterval(interval);
      await running?.catch(() => undefined);
    },
  };
}

/** Checkpoints every YIWANG_AUDIT_CHECKPOINT_MINUTES and once more when the app closes cleanly (before the database). */
export function runAuditCheckpointsWithApp(
  app: App,
  database: Database,
  config: { auditSigningKey: KeyObject; auditCheckpointMinutes: number },
): CheckpointLoop {
  const loop = startAuditCheckpointLoop(database, config.auditSigningKey, config.auditCheckpointMinutes, app.log);
  app.addHook('onClose', async () => {
    await loop.stop();
    await loop.checkpoint().catch((err: unknown) => app.log.error({ err }, 'audit checkpoint at shutdown failed'));
  });
  return loop;
}
