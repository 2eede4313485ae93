import { join } from 'node:path';
import { dataDirOf, secretKeyFromEnv } from '../platform/config.js';
import type { DatabaseTarget } from './database-dump.js';

/**
 * What backup and restore act on, read from the same environment as the server — but
 * without loadConfig, which would generate a fresh secret key into an empty data dir just
 * before a restore puts the real one there.
 */
export interface BackupSettings {
  dataDir: string;
  database: DatabaseTarget;
  /** YIWANG_SECRET_KEY when set: then it, not a key file, seals the data. */
  secretKeyFromEnv: Buffer | null;
  /** YIWANG_S3_BUCKET when photos live in a bucket: then they are not in the backup file. */
  photoBucket: string | null;
}

export function backupSettingsFrom(env: NodeJS.ProcessEnv): BackupSettings {
  const dataDir = dataDirOf(env);
  return {
    dataDir,
    // The embedded database's place, as main.ts opens it.
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dir: join(dataDir, 'pglite') },
    secretKeyFromEnv: secretKeyFromEnv(env),
    photoBucket: env.YIWANG_S3_BUCKET || null,
  };
}
