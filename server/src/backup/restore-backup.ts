import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decryptSecret } from '../platform/crypto.js';
import { extractTar, sha256OfFile } from './archive.js';
import { backupRepository } from './backup.repository.js';
import type { BackupSettings } from './backup-settings.js';
import { clearDatabase, openTarget, restoreDatabase } from './database-dump.js';
import { type BackupManifest, localMigrations, MANIFEST_FILE, PART, RestoreRefused, readManifest } from './manifest.js';

export interface RestoreOptions {
  /** Overwrite a database that holds data (and the data dir's keys and photos). */
  force?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Whether a sealed value of the restored database was opened with the key now in place. */
  sealedValueOpened: boolean;
}

const opens = (key: Buffer, sealed: string) => {
  try {
    decryptSecret(key, sealed);
    return true;
  } catch {
    return false;
  }
};

/** The key the server will use after the restore: YIWANG_SECRET_KEY if set, else the backup's key file. */
function keyAfterRestore(manifest: BackupManifest, staging: string, settings: BackupSettings): Buffer {
  if (settings.secretKeyFromEnv) return settings.secretKeyFromEnv;
  const file = join(staging, PART.secretKey);
  const listed = manifest.parts.some((p) => p.path === PART.secretKey);
  if (manifest.secretKey.source === 'env' || !listed || !existsSync(file)) {
    throw new RestoreRefused(
      manifest.secretKey.source === 'env'
        ? 'This backup holds no secret key: it was made with YIWANG_SECRET_KEY. Set YIWANG_SECRET_KEY to that key and restore again — without it phones and second factors in the database cannot be read.'
        : `This backup lacks its key material (${PART.secretKey}): without it phones and second factors in the database cannot be read, and residents cannot sign in. Restore from a complete backup.`,
    );
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/**
 * Restores a backup made by createBackup. Refused, before anything is touched: a file that is
 * not a backup, a part missing or changed (checksums), a backup without its key material or
 * whose key does not open the database's sealed values, a backup newer than this code's
 * migrations, and a target database holding data (unless `force`).
 */
export async function restoreBackup(
  settings: BackupSettings,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (!existsSync(file)) throw new RestoreRefused(`No such file: ${file}`);
  const staging = mkdtempSync(join(tmpdir(), 'yiwang-restore-'));
  try {
    await extractTar(file, staging).catch(() => {
      throw new RestoreRefused(`Not a Yiwang backup: ${basename(file)} is not a readable archive.`);
    });
    const manifest = readManifest(join(staging, MANIFEST_FILE));
    if (manifest.database.kind !== settings.database.kind) {
      throw new RestoreRefused(
        `This backup is of the ${manifest.database.kind === 'postgres' ? 'PostgreSQL server (set DATABASE_URL)' : 'embedded database (unset DATABASE_URL)'}; restore it to the same kind.`,
      );
    }
    const key = keyAfterRestore(manifest, staging, settings);
    for (const part of manifest.parts) {
      const path = join(staging, part.path);
      if (!existsSync(path)) throw new RestoreRefused(`The backup is incomplete: ${part.path} is missing.`);
      if ((await sha256OfFile(path)) !== part.sha256)
        throw new RestoreRefused(`The backup is damaged: the checksum of ${part.path} does not match.`);
    }
    if (manifest.keyCheck && !opens(key, manifest.keyCheck.sealed)) {
      throw new RestoreRefused(
        `The secret key ${settings.secretKeyFromEnv ? 'in YIWANG_SECRET_KEY' : 'in this backup'} does not open the sealed values of its database (${manifest.keyCheck.column}); phones and second factors would be unreadable. Use the key the database was sealed with.`,
      );
    }
    const local = localMigrations();
    if (manifest.database.migrations.applied > local.count) {
      throw new RestoreRefused(
        `This backup is from a newer version (${manifest.database.migrations.applied} migrations, this code has ${local.count}); restore it with that version or later.`,
      );
    }

    const existing = await openTarget(settings.database);
    if (existing) {
      let holdsData: boolean;
      try {
        holdsData = await backupRepository.holdsData(existing.db);
      } finally {
        await existing.close();
      }
      if (holdsData && !options.force) {
        throw new RestoreRefused('The target database holds data; restore over it only with --force.');
      }
    }

    await clearDatabase(settings.database);
    const databasePart = manifest.database.kind === 'postgres' ? PART.postgres : PART.pglite;
    await restoreDatabase(settings.database, join(staging, databasePart));

    mkdirSync(settings.dataDir, { recursive: true });
    for (const part of manifest.parts.filter((p) => p.path.startsWith(`${PART.keysDir}/`))) {
      const target = join(settings.dataDir, basename(part.path));
      writeFileSync(target, readFileSync(join(staging, part.path)), { mode: 0o600 });
      chmodSync(target, 0o600);
    }
    if (manifest.parts.some((p) => p.path === PART.photos)) {
      rmSync(join(settings.dataDir, 'photos'), { recursive: true, force: true });
      await extractTar(join(staging, PART.photos), settings.dataDir);
    }

    const restored = await openTarget(settings.database);
    let sealedValueOpened = false;
    if (restored) {
      try {
        const samples = await backupRepository.sealedSamples(restored.db);
        sealedValueOpened = samples.some((s) => opens(key, s.sealed));
      } finally {
        await restored.close();
      }
    }
    return { manifest, sealedValueOpened };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
