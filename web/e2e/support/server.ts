/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../../../server/src/app.js';
import { type Database, openDatabase } from '../../../server/src/db/client.js';
import { loadDemoCountyIfEmpty } from '../../../server/src/modules/demo/load-demo-county.js';
import { loadConfig } from '../../../server/src/platform/config.js';

const webDistDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

export interface TestServer {
  /** http://127.0.0.1:<port>, serving the built web app at / and the API at /api. */
  url: string;
  close(): Promise<void>;
}

interface ThrowawayDatabase {
  database: Database;
  dispose(): Promise<void>;
}

/**
 * pg's Pool.end() resolves before its sockets have closed; dropping the database WITH (FORCE)
 * at that moment kills those backends and the closing clients raise an unhandled error.
 */
async function waitForDisconnect(admin: pg.Client, database: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    if (rows[0]?.n === 0) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * In-memory PGlite by default. With TEST_DATABASE_URL, a new database on that PostgreSQL
 * server (migrated by openDatabase), dropped again at the end.
 */
async function openThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  }
  const name = `yw_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const drop = async () => {
    await waitForDisconnect(admin, name);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ databaseUrl: url.toString() });
    return {
      database,
      dispose: async () => {
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * The real server, in this process: a fresh database with the demo county (江阴市) and
 * its demo logins, on a free port. Needs the built web app (`npm run build -w web`).
 */
export async function startTestServer(
  options: {
    /** Runs on the database after the demo county is loaded (e.g. to add an account the test needs). */
    prepare?: (database: Database) => Promise<void>;
  } = {},
): Promise<TestServer> {
  if (!existsSync(join(webDistDir, 'index.html'))) {
    throw new Error(`${webDistDir}/index.html is missing: build the web app first (npm run test:e2e does).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yw-e2e-'));
  const { database, dispose } = await openThrowawayDatabase();
  try {
    const secretKey = randomBytes(32);
    await loadDemoCountyIfEmpty(database.db, secretKey);
    await options.prepare?.(database);
    const config = loadConfig(process.env, {
      dataDir,
      secretKey,
      webDistDir,
      host: '127.0.0.1',
      port: 0,
      // Pinned so that the environment cannot change what the tests rely on.
      lockout: { maxFailures: 5, minutes: 15 },
      requireAdminTotp: false,
      loadDemo: false,
    });
    const app = await buildApp({ config, database, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        await app.close();
        await dispose();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dispose();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
