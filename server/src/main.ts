import cluster from 'node:cluster';
import { join } from 'node:path';
import { buildApp } from './app.js';
import { type Database, openDatabase } from './db/client.js';
import { checkpointAuditAtShutdown } from './modules/audit/audit.jobs.js';
import { type DemoLogin, loadDemoCountyIfEmpty } from './modules/demo/load-demo-county.js';
import { backgroundJobs } from './modules/index.js';
import { runJobsWithApp } from './modules/jobs/job-runner.js';
import { resealLegacyDemoRegistry } from './modules/registry/index.js';
import { sealLegacyResidentPhones } from './modules/residents/use-cases/seal-legacy-phones.js';
import { firstRunAdvice } from './modules/setup/first-run-advice.js';
import { type Config, loadConfig } from './platform/config.js';
import { runProcesses } from './processes.js';

async function main() {
  const config = loadConfig();
  if (cluster.isWorker) {
    // One of YIWANG_PROCESSES: the primary has migrated and loaded the demo; serve and say where.
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
    const port = await serve(config, database);
    process.send?.({ kind: 'listening', port });
    return;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
  const logins = config.loadDemo ? await loadDemoCountyIfEmpty(database.db, config.secretKey) : null;
  // Accounts from before resident phones were sealed: sealed now, once (a no-op afterwards).
  await sealLegacyResidentPhones(database.db, config.secretKey);
  // Registry rows sealed under the once-published demo key: re-sealed under this installation's key, once.
  await resealLegacyDemoRegistry(database.db, config.secretKey);
  const advice = !logins && !config.loadDemo ? await firstRunAdvice(database.db) : [];
  const announce = (port: number) =>
    console.log(`${bannerLines(config, database.kind, logins, advice, port).join('\n')}\n`);
  if (config.processes > 1) {
    await database.close();
    await runProcesses(config.processes, announce);
    return;
  }
  announce(await serve(config, database));
}

/** The app, its background jobs and a clean shutdown on SIGTERM/SIGINT; answers the port it listens on. */
async function serve(config: Config, database: Database): Promise<number> {
  const app = await buildApp({ config, database });
  // Case timers, hotline callbacks, track retention, key clean-up, audit checkpoints: at start, then each on its
  // interval; of several processes, one runs a job at a time (each tick claims the job's row with a lease).
  runJobsWithApp(app, database, backgroundJobs({ config, database }));
  // One more audit checkpoint at a clean shutdown, so the newest rows are anchored too.
  checkpointAuditAtShutdown(app, database, config.auditSigningKey);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking requests, let the ones in flight finish, then close the database
    // cleanly so the embedded data dir reopens intact.
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : config.port;
}

function bannerLines(
  config: Config,
  kind: Database['kind'],
  logins: DemoLogin[] | null,
  firstRun: string[],
  port: number,
): string[] {
  const where = kind === 'pglite' ? `embedded database in ${join(config.dataDir, 'pglite')}` : 'PostgreSQL server';
  const lines = [
    '',
    `  Yiwang (一网) is running: http://localhost:${port}  (API docs: /api/docs)`,
    `  Worker app: http://localhost:${port}/m/   Resident portal: http://localhost:${port}/r/`,
    `  Database: ${where}${config.processes > 1 ? `, ${config.processes} server processes` : ''}`,
  ];
  if (logins) {
    lines.push('  Demo county 江阴市 (320281) loaded. Demo logins:');
    for (const l of logins) lines.push(`    ${l.username.padEnd(14)} ${l.password}   ${l.description}`);
  } else if (!config.loadDemo) {
    lines.push(...firstRun);
  } else {
    lines.push(
      '  Existing data found; demo logins (if the demo was loaded): admin, operator, workstation, gridworker / yiwang2026',
    );
  }
  return lines;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
