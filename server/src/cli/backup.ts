// npm run backup -- [--out file]
// One file with the database (pg_dump of DATABASE_URL, or the embedded database's data dir:
// stop the server first), every *.key of the data dir, the photos and a manifest with
// checksums. The file holds the secret key: keep it as safe as the database itself.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupSettingsFrom } from '../backup/backup-settings.js';
import { createBackup } from '../backup/create-backup.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = resolve(values.out ?? `yiwang-backup-${stamp}.tar`);
try {
  const { manifest, warnings } = await createBackup(backupSettingsFrom(process.env), out);
  console.log(`backup written: ${out}`);
  console.log(
    `  database: ${manifest.database.kind}, ${manifest.database.migrations.applied} migrations (${manifest.database.migrations.newest ?? 'none'})`,
  );
  console.log(
    `  keys: ${
      manifest.parts
        .filter((p) => p.path.startsWith('keys/'))
        .map((p) => p.path.slice(5))
        .join(', ') || 'none'
    }`,
  );
  console.log(`  photos: ${manifest.photos.files} files`);
  for (const w of warnings) console.log(`  WARNING: ${w}`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
