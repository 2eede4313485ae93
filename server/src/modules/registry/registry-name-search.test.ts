import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import type { GeneratedRegistry } from './demo/generate-community-registry.js';
import { demoRegistry } from './demo/load-demo-registry.js';

let t: TestApp;
let admin: Client;
let demo: GeneratedRegistry;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const generated = await demoRegistry(t.database.db);
  if (!generated) throw new Error('no demo registry');
  demo = generated;
}, 120_000);
afterAll(() => t.close());

describe('search by a name fragment of one or two characters', () => {
  it('finds exactly the people whose name contains it, in name order, through the character-pair index', async () => {
    const person = demo.people.find((p) => [...p.name].length === 3);
    if (!person) throw new Error('no three-character name');
    const [surname = '', , last = ''] = [...person.name];
    for (const fragment of [surname, `${[...person.name][1]}${last}`, last]) {
      const hits = (
        await admin.get(`/api/registry/search?kind=person&limit=100&q=${encodeURIComponent(fragment)}`)
      ).json<{ items: { id: string; title: string }[] }>().items;
      // What a plain substring test over the whole registry gives (the admin sees the county).
      const expected = await queryRows<{ id: string }>(
        t.database.db,
        sql`SELECT id FROM registry_people WHERE position(${fragment} IN name) > 0 ORDER BY name, id LIMIT 100`,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(hits.map((h) => h.id)).toEqual(expected.map((r) => r.id));
      expect(hits.every((h) => h.title.includes(fragment))).toBe(true);
    }
    // A fragment no name holds finds nobody.
    const none = (await admin.get(`/api/registry/search?kind=person&q=${encodeURIComponent('龘')}`)).json();
    expect(none.items).toEqual([]);

    const plan = async (fragment: string) => {
      const rows = await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        return queryRows<{ 'QUERY PLAN': string }>(
          tx,
          sql`EXPLAIN SELECT id FROM registry_people
              WHERE name ILIKE ${`%${fragment}%`} AND registry_name_grams(name) @> ARRAY[lower(${fragment})]::text[]`,
        );
      });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    expect(await plan(surname)).toContain('registry_people_name_grams');
    expect(await plan(`${surname}${[...person.name][1]}`)).toContain('registry_people_name_grams');
  });

  it('keeps a name’s characters and character pairs, lower-cased, once each', async () => {
    const [row] = await queryRows<{ grams: string[] }>(
      t.database.db,
      sql`SELECT registry_name_grams('张Ab张') AS grams`,
    );
    expect([...(row?.grams ?? [])].sort()).toEqual(['ab', 'b张', 'a', 'b', '张', '张a'].sort());
  });
});
