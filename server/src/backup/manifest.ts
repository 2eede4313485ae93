import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder } from '../db/client.js';
import { SECRET_KEY_FILE } from '../platform/config.js';

export const BACKUP_FORMAT = 'yiwang-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** Parts inside the archive. */
export const PART = {
  pglite: 'database/pglite.tar.gz',
  postgres: 'database/postgres.dump',
  photos: 'photos.tar',
  keysDir: 'keys',
  secretKey: `keys/${SECRET_KEY_FILE}`,
} as const;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  database: {
    kind: 'pglite' | 'postgres';
    /** Migrations applied when the backup was taken; a restore needs code at least this new. */
    migrations: { applied: number; newest: string | null };
  };
  /** Where the platform secret (it seals phones and TOTP secrets) came from; `env` = not in this backup. */
  secretKey: { source: 'file' | 'env' };
  /** A sealed value from the database that the secret key opened at backup time; null if none was found. */
  keyCheck: { column: string; sealed: string } | null;
  photos: { files: number };
  /** Every file of the archive but this manifest, with its sha256. */
  parts: { path: string; bytes: number; sha256: string }[];
}

export class RestoreRefused extends Error {}

/** This code's migrations (drizzle's journal): how many, and the tag for a journal timestamp. */
export function localMigrations(): { count: number; tagAt(when: number | null): string | null } {
  const journal = JSON.parse(readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return {
    count: journal.entries.length,
    tagAt: (when) => journal.entries.find((e) => e.when === when)?.tag ?? null,
  };
}

export function readManifest(file: string): BackupManifest {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new RestoreRefused('Not a Yiwang backup: manifest.json is missing or unreadable.');
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.parts) || !manifest.database || !manifest.secretKey)
    throw new RestoreRefused('Not a Yiwang backup: manifest.json is not one.');
  if (manifest.version !== BACKUP_VERSION)
    throw new RestoreRefused(
      `Backup format version ${manifest.version} is not supported (this code reads version ${BACKUP_VERSION}).`,
    );
  return manifest as BackupManifest;
}
