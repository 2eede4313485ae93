// npm run simulate:assessment -- [--seed 2026] [--grids 16] [--hiders 3]
// The assessment simulation (issue 12 item 8) on its own embedded database in a temporary
// directory: the demo county is loaded there, then the simulation adds its own workers, cases,
// departments' handling and inspections (test/assessment-simulation.ts) and prints, per kind of
// gaming, how many planted cases were flagged, the false-flag rate on honest grids, and where
// the hiding grids rank by plain report count vs by fair score. Nothing touches the server's data.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SessionInfo } from '@yiwang/contracts';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import '../modules/index.js';
import { DEMO_PASSWORD, loadDemoCountyIfEmpty } from '../modules/demo/load-demo-county.js';
import { loadConfig } from '../platform/config.js';
import type { Client } from '../test/app.js';
import { simulateAssessment } from '../test/assessment-simulation.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    grids: { type: 'string', default: '16' },
    hiders: { type: 'string', default: '3' },
  },
});

const dir = mkdtempSync(join(tmpdir(), 'yiwang-simulation-'));
const started = performance.now();
const database = await openDatabase({ pgliteDir: join(dir, 'pglite') });
try {
  const secretKey = randomBytes(32);
  await loadDemoCountyIfEmpty(database.db, secretKey);
  const config = loadConfig(
    {},
    {
      dataDir: dir,
      secretKey,
      auditSigningKey: generateKeyPairSync('ed25519').privateKey,
      webDistDir: undefined,
    },
  );
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Client> => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const set = response.cookies[0];
    if (!set) throw new Error('no session cookie');
    const cookie = `${set.name}=${set.value}`;
    const session = response.json<SessionInfo>();
    const request = (o: InjectOptions) =>
      app.inject({ ...o, headers: { cookie, 'x-csrf-token': session.csrfToken, ...o.headers } });
    return {
      session,
      cookie,
      request,
      get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
      post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
      delete: (url) => request({ method: 'DELETE', url }),
    };
  };
  const r = await simulateAssessment(login, {
    seed: Number(values.seed),
    grids: Number(values.grids),
    hiders: Number(values.hiders),
    log: (line) => console.log(`  ${line}`),
  });
  const { hiddenHard, padding, departmentDelay, rubberStamp } = r.planted;
  console.log(
    `\nseed ${r.seed}: ${r.grids} grids, ${r.cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log('planted gaming                 flagged');
  console.log(`  hidden hard matters (grids)  ${hiddenHard.gridsFlagged}/${hiddenHard.grids}`);
  console.log(`  … their hard cases others found  ${hiddenHard.casesFlagged}/${hiddenHard.cases}`);
  console.log(`  padding (burst cases)        ${padding.casesFlagged}/${padding.cases}`);
  console.log(
    `  department sitting on cases  ${departmentDelay.unitsFlagged}/${departmentDelay.units} unit, ${departmentDelay.casesFlagged}/${departmentDelay.cases} cases`,
  );
  console.log(
    `  rubber-stamp inspector       ${rubberStamp.inspectorsFlagged}/${rubberStamp.inspectors} (${rubberStamp.findings} findings)`,
  );
  console.log(
    `false flags on honest grids: ${r.falseFlags.flagged}/${r.falseFlags.honestGrids} = ${(r.falseFlags.rate * 100).toFixed(1)} %; honest units flagged ${r.falseFlags.honestUnitsFlagged}, honest inspectors flagged ${r.falseFlags.honestInspectorsFlagged}`,
  );
  for (const k of r.falseFlags.kinds) console.log(`  ${k}`);
  console.log('hiding grids: rank by report count → rank by fair score (1 = best)');
  for (const g of r.ranks) console.log(`  ${g.gridCode}: ${g.countRank} → ${g.fairRank}`);
  await app.close();
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
