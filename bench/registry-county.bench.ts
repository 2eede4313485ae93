// Issue 11 items 8–9: the registry's people imported at county scale on the PostgreSQL server.
// A throw-away database gets the demo county, then the generator's communities (sized by the grid
// map's people counts) until --people people (default 50 000; the whole county is about 1.2 M).
// Timed in the same run: (1) a raw COPY of the same people rows (plain values) into a copy of the
// table with the same indexes — the baseline; (2) the registry's import of them: ID number and phone
// sealed (AES-GCM) with blind indexes and masks, written as an import run writes them (writeInChunks:
// the registry's bulk insert, a transaction per CHUNK_ROWS, --writers chunks at once); (3) what a COPY of those sealed rows would
// cost the server (into a copy with the same indexes and the household foreign key), the floor of
// a COPY FROM STDIN write path.
// Then search p95 at that size (name fragments of 1, 2, 3 characters, pinyin initials, address
// text, exact ID by blind index), county-wide scope, next to SELECT 1 and an exact primary-key lookup.
// Prints numbers; not a test. The machine may be shared: read them with the load in mind.
// Run: npx tsx bench/registry-county.bench.ts [--people 50000] [--searches 200] [--writers 2]
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/db/client.js';
import { loadDemoCountyIfEmpty } from '../server/src/modules/demo/load-demo-county.js';
import { regionsLookups } from '../server/src/modules/regions/index.js';
import type { GeneratedRegistry } from '../server/src/modules/registry/demo/generate-community-registry.js';
import {
  communityInput,
  DEMO_REGISTRY_COMMUNITY,
  demoRegistry,
  generateCommunityRegistry,
  PEOPLE_PER_BUILDING,
} from '../server/src/modules/registry/index.js';
import { registryRepository } from '../server/src/modules/registry/registry.repository.js';
import { registryBulkRepository } from '../server/src/modules/registry/registry-bulk.repository.js';
import { sealIdNumber, sealPhone } from '../server/src/modules/registry/registry-secrets.js';
import { importDepsFor } from '../server/src/modules/registry-import/registry-import-deps.js';
import { CHUNK_ROWS, writeInChunks } from '../server/src/modules/registry-import/use-cases/write-in-chunks.js';
import { createBenchDatabase } from './support/bench-server.js';
import { printSearchP95 } from './support/registry-search-p95.js';
import '../server/src/modules/index.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '50000' },
    searches: { type: 'string', default: '200' },
    writers: { type: 'string', default: '2' },
  },
});
const wanted = Number(values.people);
const searches = Number(values.searches);
const writers = Number(values.writers);
const secretKey = randomBytes(32);
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

const bench = await createBenchDatabase();
const database = await openDatabase({ databaseUrl: bench.url });
const db = database.db;
try {
  let t = performance.now();
  await loadDemoCountyIfEmpty(db, secretKey);
  console.log(`demo county loaded in ${ms(t)}`);
  const county = (await regionsLookups.roots(db))[0];
  if (!county) throw new Error('no county');

  // ── generate communities (places written untimed) until enough people ──
  t = performance.now();
  const people: GeneratedRegistry['people'] = [];
  let mapPeople = 0;
  let communities = 0;
  const demo = await demoRegistry(db);
  const takenIdNumbers = new Set(demo?.people.map((p) => p.idNumber));
  const takenAliases = new Set(demo?.aliases.map((a) => a.alias));
  for (const region of await regionsLookups.ofLevelInScope(db, 'community', county.path)) {
    if (people.length >= wanted) break;
    if (region.code === DEMO_REGISTRY_COMMUNITY) continue;
    const input = await communityInput(db, region.code);
    if (!input || input.grids.length === 0) continue;
    const expected = input.grids.reduce((sum, g) => sum + g.people, 0);
    const registry = generateCommunityRegistry(input, {
      seed: Number(region.code.slice(-6)),
      buildings: Math.max(1, Math.round(expected / PEOPLE_PER_BUILDING)),
      groupRentals: 3,
      today: '2026-01-01',
      takenIdNumbers,
      takenAliases,
    });
    await db.transaction(async (tx) => {
      await registryRepository.insertAddresses(tx, registry.addresses);
      await registryRepository.insertAliases(tx, registry.aliases);
      await registryRepository.insertBuildings(tx, registry.buildings);
      await registryRepository.insertDwellings(tx, registry.dwellings);
      await registryRepository.insertHouseholds(tx, registry.households);
    });
    people.push(...registry.people);
    mapPeople += expected;
    communities++;
  }
  console.log(
    `generated ${people.length} people in ${communities} communities (the grid map says ${mapPeople}: ${((100 * people.length) / mapPeople).toFixed(1)} %) in ${ms(t)}`,
  );

  // ── baseline: raw COPY of the same rows, plain values, into a copy of the table with its indexes ──
  await db.execute(
    sql.raw(
      'CREATE TABLE people_copy (LIKE registry_people INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)',
    ),
  );
  const csv = join(tmpdir(), `yw-registry-copy-${process.pid}.csv`);
  const quote = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
  /** COPY of `rows` (the people columns, in order) into `table` through a CSV file, both baselines' one way. */
  const copyRows = async (table: string, rows: (string | null)[][]) => {
    // Written a slice at a time: the whole county's rows joined at once pass V8's longest string.
    const out = openSync(csv, 'w');
    for (let i = 0; i < rows.length; i += 50_000) {
      const lines = rows
        .slice(i, i + 50_000)
        .map((r) => r.map(quote).join(','))
        .join('\n');
      writeSync(out, i === 0 ? lines : `\n${lines}`);
    }
    closeSync(out);
    await db.execute(
      sql.raw(`COPY ${table} (id, household_id, relation, name, name_initials, id_number_sealed, id_number_index,
        id_number_masked, sex, birth_date, phone_sealed, phone_index, phone_masked, residence, path)
        FROM '${csv}' WITH (FORMAT csv)`),
    );
  };
  t = performance.now();
  await copyRows(
    'people_copy',
    people.map((p) => [
      p.id,
      p.householdId,
      p.relation,
      p.name,
      p.nameInitials,
      p.idNumber,
      p.idNumber,
      p.idNumber,
      p.sex,
      p.birthDate,
      p.phone,
      p.phone,
      p.phone,
      p.residence,
      p.path,
    ]),
  );
  const copyMs = performance.now() - t;
  rmSync(csv, { force: true });
  console.log(`raw COPY (baseline): ${people.length} rows in ${copyMs.toFixed(0)} ms`);

  // ── the registry's import: sealed, blind-indexed, masked, written as an import run writes them ──
  // (writeInChunks: a transaction per CHUNK_ROWS, up to --writers chunks at once, each chunk sealed
  // then inserted by the registry's bulk insert), into registry_people with its foreign keys.
  const seal = ({ idNumber, phone, ...p }: (typeof people)[number]) => {
    const ph = phone ? sealPhone(secretKey, phone) : null;
    return {
      ...p,
      ...sealIdNumber(secretKey, idNumber),
      phoneSealed: ph?.sealed ?? null,
      phoneIndex: ph?.index ?? null,
      phoneMasked: ph?.masked ?? null,
      movedInOn: null,
      updatedBy: null,
    };
  };
  const deps = { ...importDepsFor(database, secretKey), chunkWriters: writers };
  const chunks: ((typeof people)[number] & { row: number })[][] = [];
  for (let i = 0; i < people.length; i += CHUNK_ROWS) {
    chunks.push(people.slice(i, i + CHUNK_ROWS).map((p, j) => ({ ...p, row: i + j })));
  }
  t = performance.now();
  const failures = await writeInChunks(
    deps,
    randomUUID(),
    chunks,
    undefined,
    async (tx, chunk) => {
      await registryBulkRepository.insertPeople(
        tx,
        chunk.map(({ row: _, ...p }) => seal(p)),
      );
      return [];
    },
    writers,
  );
  const importMs = performance.now() - t;
  if (failures?.length !== 0) throw new Error(`${failures?.length} rows not written`);
  // Sealing alone, for the split (and the rows of the COPY below).
  t = performance.now();
  const sealed = people.map(seal);
  const sealMs = performance.now() - t;
  console.log(
    `import (sealed + blind index, ${writers} writer(s), chunks of ${CHUNK_ROWS}): ${people.length} rows in ${importMs.toFixed(0)} ms = ${(importMs / copyMs).toFixed(2)} × the raw COPY (goal ≤ 2×); sealing alone ${sealMs.toFixed(0)} ms`,
  );

  // ── what a COPY of the sealed rows would cost the server: the same sealed rows COPYed into a copy
  // of the table with its indexes and the household foreign key (what the import's rows must pass) ──
  await db.execute(
    sql.raw(
      'CREATE TABLE people_sealed_copy (LIKE registry_people INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)',
    ),
  );
  await db.execute(
    sql.raw('ALTER TABLE people_sealed_copy ADD FOREIGN KEY (household_id) REFERENCES registry_households (id)'),
  );
  t = performance.now();
  await copyRows(
    'people_sealed_copy',
    sealed.map((p) => [
      p.id,
      p.householdId,
      p.relation,
      p.name,
      p.nameInitials,
      p.idNumberSealed,
      p.idNumberIndex,
      p.idNumberMasked,
      p.sex,
      p.birthDate,
      p.phoneSealed,
      p.phoneIndex,
      p.phoneMasked,
      p.residence,
      p.path,
    ]),
  );
  const sealedCopyMs = performance.now() - t;
  rmSync(csv, { force: true });
  await db.execute(sql.raw('DROP TABLE people_sealed_copy, people_copy'));
  console.log(
    `COPY of the sealed rows (with the household foreign key): ${sealedCopyMs.toFixed(0)} ms = ${(sealedCopyMs / copyMs).toFixed(2)} × the raw COPY; sealing + it ${((sealMs + sealedCopyMs) / copyMs).toFixed(2)} ×`,
  );
  await db.execute(sql.raw('ANALYZE'));

  // ── search p95 at this size, county-wide ──
  const scopePath = county.path;
  await printSearchP95(db, { scopePath, secretKey, samples: people, searches, people: people.length });
  if (process.env.BENCH_EXPLAIN) {
    // The plan of one full-name search, for whoever tunes it next.
    const q = people[0]?.name ?? '王伟';
    const plan = await queryRows<{ 'QUERY PLAN': string }>(
      db,
      sql`EXPLAIN (ANALYZE, COSTS OFF) SELECT p.id FROM registry_people p
          JOIN registry_households h ON h.id = p.household_id JOIN registry_dwellings d ON d.id = h.dwelling_id
          JOIN registry_addresses a ON a.id = d.address_id
          WHERE (p.path = ${scopePath} OR p.path LIKE ${`${scopePath}/%`}) AND p.name ILIKE ${`%${q}%`}
          ORDER BY p.name || '', p.id LIMIT 20`,
    );
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
} finally {
  await database.close();
  await bench.drop();
}
