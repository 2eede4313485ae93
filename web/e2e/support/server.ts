/// <reference types="node" />
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../../server/src/app.js';
import type { Database } from '../../../server/src/db/client.js';
import { type JobDefinition, runJobsWithApp } from '../../../server/src/modules/jobs/index.js';
import { loadConfig } from '../../../server/src/platform/config.js';
import type { ModuleContext } from '../../../server/src/platform/http.js';
import { createTestDatabase } from '../../../server/src/test/db.js';
import { TEST_SECRET_KEY } from '../../../server/src/test/test-secret-key.js';

const webDistDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

export interface TestServer {
  /** http://127.0.0.1:<port>, serving the built web app at / and the API at /api. */
  url: string;
  close(): Promise<void>;
}

/**
 * The real server, in this process: a fresh database with the demo county (江阴市) and
 * its demo logins, on a free port. Needs the built web app (`npm run build -w web`).
 */
export async function startTestServer(
  options: {
    /** Runs on the database after the demo county is loaded (e.g. to add an account the test needs). */
    prepare?: (database: Database) => Promise<void>;
    /** Background jobs to run, as main.ts runs them (none by default: tests drive time themselves). */
    jobs?: (context: ModuleContext) => JobDefinition[];
  } = {},
): Promise<TestServer> {
  if (!existsSync(join(webDistDir, 'index.html'))) {
    throw new Error(`${webDistDir}/index.html is missing: build the web app first (npm run test:e2e does).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yw-e2e-'));
  // A copy of the run's demo-county template (built once by the global setup), not a fresh
  // migration and demo load per file: that cost about 11 s a file on PGlite.
  const database = await createTestDatabase('demo');
  const dispose = () => database.close();
  try {
    await options.prepare?.(database);
    const config = loadConfig(process.env, {
      dataDir,
      // The key the run's templates sealed the demo registry under (test/global-setup.ts).
      secretKey: TEST_SECRET_KEY,
      webDistDir,
      host: '127.0.0.1',
      port: 0,
      // Pinned so that the environment cannot change what the tests rely on.
      lockout: { maxFailures: 5, minutes: 15 },
      requireAdminTotp: false,
      loadDemo: false,
    });
    const app = await buildApp({ config, database, logger: false });
    if (options.jobs) runJobsWithApp(app, database, options.jobs({ config, database }));
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
