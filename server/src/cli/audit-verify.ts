// npm run audit:verify — walks the audit hash chain and names every broken row.
// Uses DATABASE_URL, or the embedded database in the data dir (stop the server first:
// the embedded database is opened by one process at a time).
import { join } from 'node:path';
import { openDatabase } from '../db/client.js';
import { verifyAuditChain } from '../modules/audit/verify-audit-chain.js';
import { loadConfig } from '../platform/config.js';
import { localeFromAcceptLanguage } from '../platform/i18n.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  const locale = localeFromAcceptLanguage(process.env.LANG?.replace('_', '-').split('.')[0]);
  const result = await verifyAuditChain(database.db, locale);
  if (result.ok) {
    console.log(`audit chain intact: ${result.checked} rows checked`);
  } else {
    console.log(`audit chain BROKEN (${result.checked} rows checked). First broken row: ${result.firstBroken?.id}`);
    for (const b of result.broken) console.log(`  row ${b.id}: ${b.reason} — ${b.message}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
