import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase, PGLITE_EXTENSIONS } from '../db/client.js';
import { runTool } from './archive.js';

/** The database a backup is taken from or restored into. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/**
 * libpq settings from DATABASE_URL, passed to pg_dump / pg_restore in the environment rather
 * than on the command line, where every local user could read the password in `ps`.
 */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: u.hostname || 'localhost', PGPORT: u.port || '5432' };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Opens the target without migrating it; null when an embedded database does not exist yet. */
export async function openTarget(target: DatabaseTarget): Promise<Database | null> {
  if (target.kind === 'postgres') return openDatabase({ databaseUrl: target.url, migrate: false });
  if (!existsSync(target.dir) || readdirSync(target.dir).length === 0) return null;
  return openDatabase({ pgliteDir: target.dir, migrate: false });
}

/**
 * The whole database into one file: pg_dump's custom format for a server (a consistent
 * snapshot; pg_dump must be at least the server's major version), PGlite's own data-dir
 * dump (gzip'd tar) for the embedded database, which must not be open elsewhere meanwhile.
 */
export async function dumpDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (target.kind === 'postgres') {
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', '--file', file],
      libpqEnv(target.url),
    );
    return;
  }
  const client = await PGlite.create({ dataDir: target.dir, extensions: PGLITE_EXTENSIONS });
  try {
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
  } finally {
    await client.close();
  }
}

/** Empties the target: the schemas dropped (the audit trigger refuses DELETE, not DROP), or the data dir removed. */
export async function clearDatabase(target: DatabaseTarget): Promise<void> {
  if (target.kind === 'pglite') {
    rmSync(target.dir, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(
      'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public',
    );
  } finally {
    await client.end();
  }
}

/** Loads a dump made by dumpDatabase into a cleared target. */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (target.kind === 'postgres') {
    const env = libpqEnv(target.url);
    await runTool(
      'pg_restore',
      // The name only (pg_restore wants one); host, user and password come from the environment.
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${env.PGDATABASE}`, file],
      env,
    );
    return;
  }
  mkdirSync(target.dir, { recursive: true });
  const client = await PGlite.create({
    dataDir: target.dir,
    extensions: PGLITE_EXTENSIONS,
    loadDataDir: new Blob([readFileSync(file)]),
  });
  await client.close();
}
