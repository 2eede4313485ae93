import { join } from 'node:path';
import { buildApp } from './app.js';
import { openDatabase } from './db/client.js';
import { checkpointAuditAtShutdown } from './modules/audit/audit.jobs.js';
import { loadDemoCountyIfEmpty } from './modules/demo/load-demo-county.js';
import { backgroundJobs } from './modules/index.js';
import { runJobsWithApp } from './modules/jobs/job-runner.js';
import { sealLegacyResidentPhones } from './modules/residents/use-cases/seal-legacy-phones.js';
import { firstRunAdvice } from './modules/setup/first-run-advice.js';
import { loadConfig } from './platform/config.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
  const logins = config.loadDemo ? await loadDemoCountyIfEmpty(database.db) : null;
  // Accounts from before resident phones were sealed: sealed now, once (a no-op afterwards).
  await sealLegacyResidentPhones(database.db, config.secretKey);
  const app = await buildApp({ config, database });
  // Case timers, hotline callbacks, track retention, key clean-up, audit checkpoints: at start, then each on its interval.
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
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where =
    database.kind === 'pglite' ? `embedded database in ${join(config.dataDir, 'pglite')}` : 'PostgreSQL server';
  const lines = [
    '',
    `  Yiwang (一网) is running: http://localhost:${port}  (API docs: /api/docs)`,
    `  Worker app: http://localhost:${port}/m/   Resident portal: http://localhost:${port}/r/`,
    `  Database: ${where}`,
  ];
  if (logins) {
    lines.push('  Demo county 江阴市 (320281) loaded. Demo logins:');
    for (const l of logins) lines.push(`    ${l.username.padEnd(14)} ${l.password}   ${l.description}`);
  } else if (!config.loadDemo) {
    lines.push(...(await firstRunAdvice(database.db)));
  } else {
    lines.push(
      '  Existing data found; demo logins (if the demo was loaded): admin, operator, workstation, gridworker / yiwang2026',
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
