import cluster, { type Worker } from 'node:cluster';

/** A process that dies this soon after starting counts as a failed start. */
const EARLY_EXIT_MS = 10_000;
/** Failed starts in a row after which the primary gives up (a bad config, an unreachable database). */
const MAX_FAILED_STARTS = 5;

/**
 * The primary of YIWANG_PROCESSES: forks `count` server processes that share the port (the
 * database is already migrated and the demo loaded), announces once when all listen, replaces
 * a process that dies (a crash must not shrink the pool), and on SIGTERM/SIGINT passes the
 * signal on and exits when every process has shut down cleanly. Nothing here is shared
 * state: sessions, idempotency keys, timers, jobs and the SSE stream live in the database.
 */
export function runProcesses(count: number, announce: (port: number) => void): Promise<void> {
  let stopping = false;
  let failedStarts = 0;
  let announced = false;
  const listening = new Set<number>();
  const startedAt = new Map<number, number>();

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: { kind?: string; port?: number }) => {
      if (message?.kind !== 'listening' || typeof message.port !== 'number') return;
      listening.add(worker.id);
      failedStarts = 0;
      if (!announced && listening.size >= count) {
        announced = true;
        announce(message.port);
      }
    });
    return worker;
  };

  return new Promise((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      listening.delete(worker.id);
      const early = Date.now() - (startedAt.get(worker.id) ?? 0) < EARLY_EXIT_MS;
      startedAt.delete(worker.id);
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
        return;
      }
      failedStarts = early ? failedStarts + 1 : 0;
      if (failedStarts >= MAX_FAILED_STARTS) {
        console.error(`server processes keep failing at start (${failedStarts} in a row); stopping`);
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        process.exitCode = 1;
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
        return;
      }
      console.error(`server process ${worker.process.pid} exited (${signal ?? code}); starting another`);
      setTimeout(fork, early ? 1000 : 0);
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) resolve();
      for (const w of workers) w?.process.kill(signal);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    for (let i = 0; i < count; i++) fork();
  });
}
