import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_KEY_FILE } from '../platform/config.js';
import { decryptSecret } from '../platform/crypto.js';
import { createTar, sha256OfFile } from './archive.js';
import { backupRepository } from './backup.repository.js';
import type { BackupSettings } from './backup-settings.js';
import { dumpDatabase, openTarget } from './database-dump.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupManifest,
  localMigrations,
  MANIFEST_FILE,
  PART,
} from './manifest.js';

/** Photo files below the data dir's photos folder (PhotoStorage on the filesystem). */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

const opens = (key: Buffer, sealed: string) => {
  try {
    decryptSecret(key, sealed);
    return true;
  } catch {
    return false;
  }
};

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  /** Said to the operator: e.g. that the key comes from YIWANG_SECRET_KEY and is not in the file. */
  warnings: string[];
}

/**
 * One file with everything a restore needs: the database, every `*.key` of the data dir
 * (the platform secret that seals phones and TOTP secrets, and any other key kept there),
 * the photos, and a manifest with the migration level and a checksum per part. The database
 * is dumped first, then the photos: a photo uploaded in between is extra, never missing.
 */
export async function createBackup(settings: BackupSettings, out: string): Promise<BackupResult> {
  const staging = mkdtempSync(join(tmpdir(), 'yiwang-backup-'));
  const warnings: string[] = [];
  try {
    const database = await openTarget(settings.database);
    if (!database) throw new Error(`No embedded database in ${settings.dataDir}: nothing to back up.`);
    let migrations: BackupManifest['database']['migrations'];
    let samples: { column: string; sealed: string }[];
    try {
      const level = await backupRepository.migrationLevel(database.db);
      migrations = { applied: level.applied, newest: localMigrations().tagAt(level.newestAt) };
      samples = await backupRepository.sealedSamples(database.db);
    } finally {
      await database.close();
    }

    const databasePart = settings.database.kind === 'postgres' ? PART.postgres : PART.pglite;
    mkdirSync(join(staging, 'database'));
    await dumpDatabase(settings.database, join(staging, databasePart));

    mkdirSync(join(staging, PART.keysDir));
    const keyFiles = existsSync(settings.dataDir)
      ? readdirSync(settings.dataDir).filter((f) => f.endsWith('.key') && statSync(join(settings.dataDir, f)).isFile())
      : [];
    for (const f of keyFiles) writeFileSync(join(staging, PART.keysDir, f), readFileSync(join(settings.dataDir, f)));
    const keyFile = keyFiles.includes(SECRET_KEY_FILE)
      ? Buffer.from(readFileSync(join(settings.dataDir, SECRET_KEY_FILE), 'utf8').trim(), 'hex')
      : null;
    // The server prefers YIWANG_SECRET_KEY over the file; so does the check.
    const key = settings.secretKeyFromEnv ?? keyFile;
    if (settings.secretKeyFromEnv) {
      warnings.push(
        'The secret key comes from YIWANG_SECRET_KEY and is NOT in this backup: keep it with the backup (apart from it), a restore needs it.',
      );
    } else if (!keyFile) {
      throw new Error(`No secret key: neither YIWANG_SECRET_KEY nor ${join(settings.dataDir, SECRET_KEY_FILE)}.`);
    }
    const keyCheck = key ? (samples.find((s) => opens(key, s.sealed)) ?? null) : null;
    if (!keyCheck && samples.length > 0) {
      warnings.push(`The secret key does not open the sealed values in the database (${samples[0]?.column}).`);
    }

    if (settings.photoBucket) {
      warnings.push(
        `Photos live in the bucket "${settings.photoBucket}" and are NOT in this backup: keep the bucket versioned or replicated (photos are only ever added).`,
      );
    }
    const photosDir = join(settings.dataDir, 'photos');
    const photoFiles = countFiles(photosDir);
    if (existsSync(photosDir)) await createTar(join(staging, PART.photos), settings.dataDir, ['photos']);

    const partPaths = [
      databasePart,
      ...keyFiles.map((f) => `${PART.keysDir}/${f}`),
      ...(existsSync(photosDir) ? [PART.photos] : []),
    ];
    const parts = [];
    for (const path of partPaths) {
      const file = join(staging, path);
      parts.push({ path, bytes: statSync(file).size, sha256: await sha256OfFile(file) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      database: { kind: settings.database.kind, migrations },
      secretKey: { source: settings.secretKeyFromEnv ? 'env' : 'file' },
      keyCheck,
      photos: { files: photoFiles },
      parts,
    };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await createTar(out, staging, [MANIFEST_FILE, ...partPaths]);
    // It holds the secret key: readable by the owner only.
    chmodSync(out, 0o600);
    return { file: out, manifest, warnings };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
