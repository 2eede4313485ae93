// npm run audit:verify [-- --checkpoints file.jsonl] [-- --public-key key.pem|base64]
// Walks the audit hash chains, checks them against the signed checkpoints (the ones in the
// database, or an auditor's export with --checkpoints) and names every broken row and
// checkpoint. The public key is the signing key's (env or data dir) unless --public-key.
// Uses DATABASE_URL, or the embedded database in the data dir (stop the server first:
// the embedded database is opened by one process at a time).
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { parseCheckpointLines } from '../modules/audit/audit-checkpoint.js';
import { verifyAuditChain } from '../modules/audit/verify-audit-chain.js';
import { loadConfig } from '../platform/config.js';
import { localeFromAcceptLanguage } from '../platform/i18n.js';
import { parsePublicKey } from '../platform/signing-key.js';

const { values: args } = parseArgs({
  options: { checkpoints: { type: 'string' }, 'public-key': { type: 'string' } },
});
const config = loadConfig();
const keyArg = args['public-key'];
const publicKey = keyArg
  ? parsePublicKey(existsSync(keyArg) ? readFileSync(keyArg, 'utf8') : keyArg)
  : createPublicKey(config.auditSigningKey);
const checkpoints = args.checkpoints ? parseCheckpointLines(readFileSync(args.checkpoints, 'utf8')) : undefined;

const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  const locale = localeFromAcceptLanguage(process.env.LANG?.replace('_', '-').split('.')[0]);
  const result = await verifyAuditChain(database.db, { locale, publicKey, ...(checkpoints ? { checkpoints } : {}) });
  const source = args.checkpoints ? `from ${args.checkpoints}` : 'from the database';
  if (result.ok) {
    console.log(
      `audit chain intact: ${result.checked} rows and ${result.checkpoints} signed checkpoints (${source}) checked`,
    );
  } else {
    console.log(
      `audit chain BROKEN (${result.checked} rows, ${result.checkpoints} checkpoints ${source} checked). First broken row: ${result.firstBroken?.id ?? 'none'}`,
    );
    for (const c of result.brokenCheckpoints) console.log(`  checkpoint ${c.checkpointId}: ${c.reason} — ${c.message}`);
    for (const b of result.broken) console.log(`  row ${b.id}: ${b.reason} — ${b.message}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
