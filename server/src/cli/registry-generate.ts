// npm run registry:generate -- [--communities all|<n>] [--scale <0..1>]
// For benchmarks only (never run by npm start or the tests): fills the registry of many
// communities of the demo county — by default every community, sized by its base grids'
// people counts (about 1.2 M people) — with the same deterministic generator as the demo's one
// community. Loads the demo county first when the database is empty. Uses DATABASE_URL, or the
// embedded database in the data dir (stop the server first). Prints what it wrote and how long.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
import { loadDemoCountyIfEmpty } from '../modules/demo/load-demo-county.js';
import { regionsLookups } from '../modules/regions/index.js';
import {
  communityInput,
  DEMO_REGISTRY_COMMUNITY,
  demoRegistry,
  generateCommunityRegistry,
  PEOPLE_PER_BUILDING,
  writeGeneratedRegistry,
} from '../modules/registry/index.js';
import { loadConfig } from '../platform/config.js';
import '../modules/index.js';

const { values } = parseArgs({
  options: { communities: { type: 'string', default: 'all' }, scale: { type: 'string', default: '1' } },
});
const scale = Number(values.scale);
const limit = values.communities === 'all' ? Number.POSITIVE_INFINITY : Number(values.communities);
if (!(scale > 0 && scale <= 1) || !(limit > 0)) {
  console.error('usage: npm run registry:generate -- [--communities all|<n>] [--scale <0..1>]');
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  await loadDemoCountyIfEmpty(database.db, config.secretKey);
  const county = (await regionsLookups.roots(database.db))[0];
  if (!county) throw new Error('no county');
  const communities = (await regionsLookups.ofLevelInScope(database.db, 'community', county.path))
    .map((r) => r.code)
    .filter((code) => code !== DEMO_REGISTRY_COMMUNITY)
    .slice(0, limit);
  // One set of ID numbers for the whole run, starting with the demo community's: no two people share one.
  const demo = await demoRegistry(database.db);
  const takenIdNumbers = new Set(demo?.people.map((p) => p.idNumber));
  // Aliases are unique county-wide too: two villages share a name (街西村), the second gets its town's.
  const takenAliases = new Set(demo?.aliases.map((a) => a.alias));
  const started = performance.now();
  let people = 0;
  let generateMs = 0;
  for (const [i, code] of communities.entries()) {
    const input = await communityInput(database.db, code);
    if (!input || input.grids.length === 0) continue;
    const expected = input.grids.reduce((sum, g) => sum + g.people, 0) * scale;
    const t = performance.now();
    const registry = generateCommunityRegistry(input, {
      seed: Number(code.slice(-6)),
      buildings: Math.max(1, Math.round(expected / PEOPLE_PER_BUILDING)),
      groupRentals: 3,
      today: '2026-01-01',
      takenIdNumbers,
      takenAliases,
    });
    generateMs += performance.now() - t;
    await database.db.transaction((tx) => writeGeneratedRegistry(tx, registry, config.secretKey));
    people += registry.people.length;
    if ((i + 1) % 10 === 0) console.log(`${i + 1}/${communities.length} communities, ${people} people`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `registry: ${people} people in ${communities.length} communities in ${seconds.toFixed(1)} s (generating ${(generateMs / 1000).toFixed(1)} s)`,
  );
} finally {
  await database.close();
}
