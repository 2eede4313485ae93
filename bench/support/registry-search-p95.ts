// Shared by the registry benches: search p95 per kind of query (name fragments of 1, 2 and 3
// characters, pinyin initials, address text, building name, exact ID number by blind index), next
// to SELECT 1 and a primary-key lookup timed in the same run (the machine may be shared).
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../server/src/db/client.js';
import { registryRepository } from '../../server/src/modules/registry/registry.repository.js';
import { exactSearchIndexes } from '../../server/src/modules/registry/registry-secrets.js';

export interface SearchSample {
  id: string;
  name: string;
  nameInitials: string;
  idNumber: string;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

export async function printSearchP95(
  db: Database['db'],
  options: { scopePath: string; secretKey: Buffer; samples: SearchSample[]; searches: number; people: number },
): Promise<void> {
  const { scopePath, secretKey, samples, searches } = options;
  if (samples.length === 0) throw new Error('no samples');
  const timed = async (f: (i: number) => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < searches; i++) {
      const s = performance.now();
      await f(i);
      times.push(performance.now() - s);
    }
    return p95(times);
  };
  let n = 0;
  const pick = () => samples[(n++ * 7919) % samples.length] as SearchSample;
  const threeCharacter = samples.filter((s) => [...s.name].length === 3);
  const pickThree = () => (threeCharacter[(n++ * 7919) % threeCharacter.length] ?? pick()).name;
  const people = (q: string, indexes: string[] = []) =>
    registryRepository.searchPeople(db, { scopePath, q, indexes, limit: 20 });
  // Road names: an address search that matches tens of thousands of addresses county-wide.
  const roads = (
    await queryRows<{ road: string }>(
      db,
      sql`SELECT DISTINCT road FROM registry_addresses TABLESAMPLE SYSTEM (1) REPEATABLE (2026) LIMIT 40`,
    )
  ).map((r) => r.road);
  const rows: [string, number][] = [
    ['SELECT 1 (baseline)', await timed(() => queryRows(db, sql`SELECT 1`))],
    [
      'primary-key lookup (baseline)',
      await timed(() => queryRows(db, sql`SELECT id FROM registry_people WHERE id = ${pick().id}`)),
    ],
    ['name, 1 character (surname)', await timed(() => people([...pick().name][0] ?? '王'))],
    ['name, 2 characters (last two)', await timed(() => people([...pick().name].slice(-2).join('')))],
    ['name, 3 characters (whole name)', await timed(() => people(pickThree()))],
    ['name, 1 character (last of a name)', await timed(() => people([...pick().name].at(-1) ?? '明'))],
    ['pinyin initials', await timed(() => people(pick().nameInitials))],
    [
      'exact ID number (blind index)',
      await timed(() => {
        const q = pick().idNumber;
        return people(q, exactSearchIndexes(secretKey, q).indexes);
      }),
    ],
    [
      'address text',
      await timed(() => registryRepository.searchAddresses(db, { scopePath, q: `${200 + (n++ % 40)}号`, limit: 20 })),
    ],
    [
      'address text, a road (many matches)',
      await timed(() =>
        registryRepository.searchAddresses(db, { scopePath, q: roads[n++ % roads.length] ?? '文定路', limit: 20 }),
      ),
    ],
    [
      'building name',
      await timed(() => registryRepository.searchBuildings(db, { scopePath, q: `${1 + (n++ % 30)}号1幢`, limit: 20 })),
    ],
  ];
  console.log(`search p95 over ${searches} searches each, ${options.people} people, county-wide scope, one client:`);
  for (const [what, p] of rows) console.log(`  ${what.padEnd(34)} ${p.toFixed(1)} ms`);
}
