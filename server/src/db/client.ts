import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { FewerRoundTripsClient } from './fewer-round-trips.js';

/**
 * The Drizzle database, whichever driver is underneath (both speak PostgreSQL). Made without the
 * schema (db/schema.ts is drizzle-kit's): given one, Drizzle builds a relational query builder
 * for each of its ~90 tables on every transaction it opens, about 40 µs of CPU each time, a
 * third of an empty transaction's (bench/transaction-cost.bench.ts), and nothing here uses that
 * API (queries name their tables).
 */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Calls `listener` on every NOTIFY on `channel` (PostgreSQL delivers it when the
   * notifying transaction commits) until the returned function is called. Resolves once
   * the channel is listened to. One listening connection per database, shared by all
   * listeners; after a lost connection is replaced, listeners are called once (they may
   * have missed a notification).
   */
  listen(channel: string, listener: () => void): Promise<() => void>;
  close(): Promise<void>;
}

/** Fans one LISTEN per channel out to any number of in-process listeners. */
function notificationHub(listenOnce: (channel: string, wake: () => void) => Promise<void>) {
  const channels = new Map<string, { listeners: Set<() => void>; ready: Promise<void> }>();
  const wakeAll = (channel: string) => {
    for (const listener of [...(channels.get(channel)?.listeners ?? [])]) listener();
  };
  return {
    async listen(channel: string, listener: () => void): Promise<() => void> {
      let entry = channels.get(channel);
      if (!entry) {
        const created = { listeners: new Set<() => void>(), ready: listenOnce(channel, () => wakeAll(channel)) };
        // A failed LISTEN is retried by the next listener, not remembered.
        created.ready.catch(() => channels.delete(channel));
        channels.set(channel, created);
        entry = created;
      }
      await entry.ready;
      entry.listeners.add(listener);
      const listeners = entry.listeners;
      return () => {
        listeners.delete(listener);
      };
    },
    channels: () => [...channels.keys()],
    wakeAll,
  };
}

const RELISTEN_DELAY_MS = 1000;

/**
 * LISTEN on the server through one dedicated client (a pooled connection would lose its
 * LISTEN when returned). A dropped client is replaced, and listeners are woken to catch up.
 */
function postgresNotifications(url: string) {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  const hub = notificationHub(async (channel) => {
    const c = await connected();
    await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
  });
  const connected = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (message) => hub.wakeAll(message.channel));
      // A server restart may end the connection with or without an error: either way, listen anew.
      let lost = false;
      const onLost = (reason: string) => {
        if (lost || closed) return;
        lost = true;
        console.error(`database listening connection lost: ${reason}`);
        if (client === c) client = null;
        void c.end().catch(() => undefined);
        setTimeout(() => void relisten(), RELISTEN_DELAY_MS).unref();
      };
      c.on('error', (err) => onLost(err.message));
      c.on('end', () => onLost('connection ended'));
      try {
        await c.connect();
      } finally {
        connecting = null;
      }
      client = c;
      return c;
    })();
    return connecting;
  };
  const relisten = async () => {
    if (closed || client) return;
    try {
      const c = await connected();
      for (const channel of hub.channels()) {
        await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
        hub.wakeAll(channel);
      }
    } catch (err) {
      console.error(`database listening connection not restored: ${(err as Error).message}`);
      if (!closed) setTimeout(() => void relisten(), RELISTEN_DELAY_MS * 5).unref();
    }
  };
  return {
    listen: hub.listen,
    async close() {
      closed = true;
      const c = client ?? (await connecting?.catch(() => null));
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Finds server/drizzle whether running from src/ (tsx, tests) or from the dist bundle. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('migrations folder (server/drizzle) not found');
}

export class UnsafeDatabaseError extends Error {}

/** What the database answers a refused statement with: its SQLSTATE and, for a key, the constraint. */
export interface DatabaseErrorAnswer {
  code: string;
  constraint?: string | undefined;
}

/**
 * The error the database answered with (as node-postgres and PGlite report it, directly or as
 * Drizzle's cause); undefined for any other error: a lost connection, a bug. A transaction
 * whose statement or COMMIT the database answered with an error did not commit; one whose
 * connection was lost meanwhile may have.
 */
export function databaseErrorOf(error: unknown): DatabaseErrorAnswer | undefined {
  for (const e of [error, (error as { cause?: unknown } | null)?.cause]) {
    if (typeof e !== 'object' || e === null || !('severity' in e)) continue;
    const answer = e as { code?: unknown; constraint?: string };
    if (typeof answer.code === 'string' && /^[0-9A-Z]{5}$/.test(answer.code)) {
      return { code: answer.code, constraint: answer.constraint };
    }
  }
  return undefined;
}

/** The SQLSTATE of the error the database answered with (databaseErrorOf); undefined for any other error. */
export const sqlStateOf = (error: unknown): string | undefined => databaseErrorOf(error)?.code;

/** PostgreSQL's lock_not_available: a NOWAIT lock found its row held. */
export const isLockNotAvailable = (error: unknown): boolean => sqlStateOf(error) === '55P03';

/**
 * A PostgreSQL server with fsync or synchronous_commit off can lose acknowledged cases
 * on a crash; refuse to run on one rather than discover it after a power cut.
 */
export async function assertDurableServer(
  show: (setting: 'fsync' | 'synchronous_commit') => Promise<string>,
): Promise<void> {
  const fsync = await show('fsync');
  const syncCommit = await show('synchronous_commit');
  const problems: string[] = [];
  if (fsync === 'off') problems.push('fsync is off');
  if (syncCommit === 'off') problems.push('synchronous_commit is off');
  if (problems.length > 0) {
    throw new UnsafeDatabaseError(
      `Refusing to start: on the PostgreSQL server ${problems.join(' and ')}, so a crash could lose acknowledged writes. Turn them on in postgresql.conf.`,
    );
  }
}

async function openPostgres(url: string, { migrate }: { migrate: boolean }): Promise<Database> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await assertDurableServer(async (setting) => {
      const { rows } = await admin.query<Record<string, string>>(`SHOW ${setting}`);
      return rows[0]?.[setting] ?? '';
    });
    if (migrate) {
      // One process migrates at a time; the others wait on the lock and then find nothing to do.
      await admin.query('SELECT pg_advisory_lock(727001)');
      try {
        await migratePg(drizzlePg(admin), { migrationsFolder: migrationsFolder() });
      } finally {
        await admin.query('SELECT pg_advisory_unlock(727001)');
      }
    }
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.YIWANG_DB_POOL ?? 16),
    // node-postgres's client, which can send BEGIN and COMMIT along with other statements (fewer-round-trips.ts).
    Client: FewerRoundTripsClient,
  });
  // An idle connection dropped by the server (restart, failover, DROP DATABASE) must not
  // crash the process; the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
  const db = drizzlePg(pool) as unknown as Db;
  const notifications = postgresNotifications(url);
  return {
    db,
    kind: 'postgres',
    listen: notifications.listen,
    close: async () => {
      await notifications.close();
      await pool.end();
    },
  };
}

/**
 * The extensions the migrations create, which PGlite must load before CREATE EXTENSION (a
 * PostgreSQL server has them in its contrib package): pg_trgm for the registry's search.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(
  dataDir: string | undefined,
  { migrate, loadDataDir }: { migrate: boolean; loadDataDir?: Blob },
): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    loadDataDir,
    extensions: PGLITE_EXTENSIONS,
  });
  const db = drizzlePglite(client);
  if (migrate) await migratePglite(db, { migrationsFolder: migrationsFolder() });
  // PGlite is one session in this process: its NOTIFY reaches its own LISTEN at commit.
  const hub = notificationHub(async (channel, wake) => {
    await client.listen(channel, wake);
  });
  return { db: db as unknown as Db, kind: 'pglite', listen: hub.listen, close: () => client.close() };
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; undefined keeps it in memory (tests). */
  pgliteDir?: string | undefined;
  /** A dumped PGlite data dir to start from (tests copy a migrated template). */
  loadDataDir?: Blob;
  migrate?: boolean;
}

export function openDatabase(options: OpenOptions): Promise<Database> {
  const migrate = options.migrate ?? true;
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, { migrate })
    : openPglite(options.pgliteDir, { migrate, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
}

/**
 * Rows of a raw SQL query. Both drivers answer `{ rows }`; the shared Drizzle type
 * cannot say so, hence this one narrowing in one place.
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
