import { join } from 'node:path';
import { buildApp } from './app.js';
import { openDatabase } from './db/client.js';
import { caseSettingsFrom } from './modules/cases/cases.settings.js';
import { runTimersWithApp } from './modules/cases/timer-loop.js';
import { loadDemoCountyIfEmpty } from './modules/demo/load-demo-county.js';
import { runHotlineCallbacksWithApp } from './modules/hotline/callback-loop.js';
import { runTrackRetentionWithApp } from './modules/patrols/retention-loop.js';
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
  // Case timers (warnings, overdue, escalation, callback, archive): due ones fire at once, then every few seconds.
  runTimersWithApp(app, database, caseSettingsFrom(process.env));
  // 12345 status callbacks (only when YIWANG_HOTLINE_CALLBACK_URL is set).
  runHotlineCallbacksWithApp(app, database, config.hotline);
  // Patrol tracks are personal data: deleted after YIWANG_PATROL_RETENTION_DAYS (at start, then hourly).
  runTrackRetentionWithApp(app, database, config.patrolRetentionDays);

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
