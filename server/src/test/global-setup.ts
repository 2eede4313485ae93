import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Db, migrationsFolder, openDatabase, PGLITE_EXTENSIONS } from '../db/client.js';
import { loadDemoCountyIfEmpty } from '../modules/demo/load-demo-county.js';
import { TEST_SECRET_KEY } from './test-secret-key.js';
// The modules' declarations (permission grants, error codes) are taken in on import, as in main.ts.
import '../modules/index.js';

export type TemplateKind = 'empty' | 'demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: paths of dumped data dirs (migrated; migrated + demo county). */
    pgliteTemplates: Record<TemplateKind, string>;
    /** PostgreSQL server: names of the template databases. */
    pgTemplates: Record<TemplateKind, string>;
  }
}

const serverUrlFor = (base: string, name: string) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * Builds two template databases per run — migrated, and migrated with the demo county —
 * so that each test file gets a fresh copy in a fraction of the time loading takes:
 * a PGlite data-dir dump, or CREATE DATABASE … TEMPLATE on a server (test/db.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const suffix = randomBytes(4).toString('hex');
    const names = { empty: `yw_tpl_empty_${suffix}`, demo: `yw_tpl_demo_${suffix}` };
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const [kind, name] of Object.entries(names)) {
      await admin.query(`CREATE DATABASE ${name}`);
      const database = await openDatabase({ databaseUrl: serverUrlFor(serverUrl, name) });
      if (kind === 'demo') await loadDemoCountyIfEmpty(database.db, TEST_SECRET_KEY);
      await database.close();
    }
    project.provide('pgTemplates', names);
    project.provide('pgliteTemplates', { empty: '', demo: '' });
    return async () => {
      for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: migrationsFolder() });
  const save = async (kind: TemplateKind) => {
    const file = join(tmpdir(), `yiwang-pglite-${kind}-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    return file;
  };
  const empty = await save('empty');
  await loadDemoCountyIfEmpty(db as unknown as Db, TEST_SECRET_KEY);
  const demo = await save('demo');
  await client.close();
  project.provide('pgliteTemplates', { empty, demo });
  project.provide('pgTemplates', { empty: '', demo: '' });
  return async () => {};
}
