// npm run restore -- <file> [--force]
// Restores a backup made by `npm run backup` into DATABASE_URL (or the embedded database of
// the data dir: stop the server first), with its keys and photos. Refuses a damaged or
// incomplete backup, one without its key material, and a target holding data without --force.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupSettingsFrom } from '../backup/backup-settings.js';
import { RestoreRefused } from '../backup/manifest.js';
import { restoreBackup } from '../backup/restore-backup.js';

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error('usage: npm run restore -- <backup file> [--force]');
  process.exit(2);
}
try {
  const { manifest, sealedValueOpened } = await restoreBackup(backupSettingsFrom(process.env), resolve(file), {
    force: values.force,
  });
  console.log(`restored the backup of ${manifest.createdAt} (${manifest.database.migrations.applied} migrations).`);
  console.log(
    `  photos: ${manifest.photos.files} files; sealed values readable: ${sealedValueOpened ? 'yes' : 'none found'}`,
  );
  console.log('  Start the server: it applies any newer migrations. Then run npm run audit:verify.');
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof RestoreRefused ? `restore refused: ${message}` : `restore failed: ${message}`);
  process.exitCode = 1;
}
