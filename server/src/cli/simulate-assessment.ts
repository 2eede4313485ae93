/**
 * `npm run simulate:assessment [-- --seed N --grids N]`: the assessment simulation of issue 12
 * item 8 on a fresh embedded database with the demo county — a month of 澄江街道's first grids
 * through the real intake, workflow and assessment under a fake clock — printing, per kind of
 * planted gaming, how much was flagged, the false-flag rate on honest grids and where the gamers
 * rank by report count and by fair score.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import '../modules/index.js';
import { simulateCountyMonth } from '../modules/assessment/simulation/county-month.js';
import { formatSimulation } from '../modules/assessment/simulation/report.js';
import { DEMO_PASSWORD, loadDemoCountyIfEmpty } from '../modules/demo/load-demo-county.js';
import { loadConfig } from '../platform/config.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '2026' }, grids: { type: 'string', default: '24' } },
});
const dataDir = mkdtempSync(join(tmpdir(), 'yiwang-simulation-'));
const started = Date.now();
const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
try {
  console.log('loading the demo county…');
  await loadDemoCountyIfEmpty(database.db);
  const config = loadConfig(
    {},
    {
      dataDir,
      secretKey: randomBytes(32),
      auditSigningKey: generateKeyPairSync('ed25519').privateKey,
      webDistDir: undefined,
      session: { idleMinutes: 60 * 24 * 45, absoluteHours: 24 * 45 },
    },
  );
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const china = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  console.log(`simulating ${china} in 澄江街道 (seed ${values.seed}, ${values.grids} grids)…`);
  const result = await simulateCountyMonth(app, {
    seed: Number(values.seed),
    townCode: '320281001',
    gridLimit: Number(values.grids),
    hardPerGrid: 6,
    easyPerGrid: 6,
    hiders: 3,
    padders: 2,
    monthStart: new Date(`${china}-01T00:00:00+08:00`),
    password: DEMO_PASSWORD,
    log: (line) => console.log(line),
  });
  console.log(formatSimulation(result));
  console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
  await app.close();
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
