// npm run audit:checkpoints -- --out file.jsonl [--make]
// Writes the signed audit checkpoints as JSON lines (stdout without --out), for an auditor
// to keep outside the platform and check later with `npm run audit:verify -- --checkpoints`.
// --make signs a fresh checkpoint first. Uses DATABASE_URL, or the embedded database in the
// data dir (stop the server first).
import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { checkpointLine } from '../modules/audit/audit-checkpoint.js';
import { allAuditCheckpoints, makeAuditCheckpoint } from '../modules/audit/make-audit-checkpoint.js';
import { loadConfig } from '../platform/config.js';

const { values: args } = parseArgs({ options: { out: { type: 'string' }, make: { type: 'boolean' } } });
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  if (args.make) await makeAuditCheckpoint(database.db, config.auditSigningKey);
  const publicKey = createPublicKey(config.auditSigningKey);
  const lines: string[] = [];
  for await (const c of allAuditCheckpoints(database.db)) lines.push(`${checkpointLine(c, publicKey)}\n`);
  if (args.out) {
    writeFileSync(args.out, lines.join(''));
    console.error(`${lines.length} signed audit checkpoints written to ${args.out}`);
  } else {
    process.stdout.write(lines.join(''));
  }
} finally {
  await database.close();
}
