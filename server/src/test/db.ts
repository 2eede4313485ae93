import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client.js';
// The modules' declarations (permission grants, error codes) are taken in on import, as in main.ts.
import '../modules/index.js';
import type { TemplateKind } from './global-setup.js';

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
 * A fresh database for one test file, copied from the run's template: migrated and
 * empty, or with the demo county loaded. PGlite by default; a new database on the
 * server named by TEST_DATABASE_URL when set.
 */
export async function createTestDatabase(kind: TemplateKind = 'empty'): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = inject('pgTemplates')[kind];
    const name = `yw_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), migrate: false });
    return {
      ...database,
      close: async () => {
        await database.close();
        await waitForDisconnect(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteTemplates')[kind])]);
  return openDatabase({ loadDataDir: dump, migrate: false });
}
