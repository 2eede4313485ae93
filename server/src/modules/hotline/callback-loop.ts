import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { HotlineConfig } from '../../platform/config.js';
import type { App } from '../../platform/http.js';
import { type CallbackRun, deliverHotlineCallbacks } from './use-cases/deliver-callbacks.js';

export interface CallbackLoop {
  tick(): Promise<CallbackRun>;
  stop(): Promise<void>;
}

/**
 * Sends hotline status callbacks every `hotline.intervalMs` (at once on start, so those
 * queued while the server was down go out). Passes never overlap within a process;
 * several processes may run side by side (claims skip rows another holds).
 */
export function startHotlineCallbackLoop(
  database: Database,
  hotline: HotlineConfig,
  log: FastifyBaseLogger,
): CallbackLoop {
  let running: Promise<CallbackRun> | null = null;
  const tick = (): Promise<CallbackRun> => {
    if (!running) {
      running = deliverHotlineCallbacks(database.db, hotline)
        .then((run) => {
          if (run.delivered + run.retried + run.failed > 0) log.info({ callbacks: run }, 'hotline callbacks sent');
          if (run.failed > 0) log.warn({ failed: run.failed }, 'hotline callbacks given up');
          return run;
        })
        .finally(() => {
          running = null;
        });
    }
    return running;
  };
  const onTick = () => {
    tick().catch((err: unknown) => log.error({ err }, 'hotline callback pass failed'));
  };
  const interval = setInterval(onTick, Math.max(100, hotline.intervalMs));
  interval.unref();
  onTick();
  return {
    tick,
    async stop() {
      clearInterval(interval);
      await running?.catch(() => undefined);
    },
  };
}

/** Starts the loop with the app when a callback URL is configured, and stops it when the app closes. */
export function runHotlineCallbacksWithApp(app: App, database: Database, hotline: HotlineConfig): CallbackLoop | null {
  if (!hotline.callbackUrl || !hotline.secret) return null;
  const loop = startHotlineCallbackLoop(database, hotline, app.log);
  app.addHook('onClose', () => loop.stop());
  return loop;
}
