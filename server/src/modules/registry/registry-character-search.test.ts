import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { type Client, createTestApp, type TestApp } from '../../test/app.js';
import { placeFlat, settleHousehold } from './registry-test-places.js';

const COMMUNITY = '320281001001';
const OTHER_COMMUNITY = '320281001003';
/** A character no demo name holds, so the people made here are all its matches. */
const C = '垚';

let t: TestApp;
let admin: Client;
let gridworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  gridworker = await t.login('gridworker');
  const here = await placeFlat(t, admin, COMMUNITY, 701);
  const there = await placeFlat(t, admin, OTHER_COMMUNITY, 702);
  // At every position: first (two), second, third, second and third, fourth of a long name, and
  // two of the same name (then by id).
  await settleHousehold(
    admin,
    here.dwelling.id,
    ['钱垚明', '垚明', '孙明垚', '赵垚垚', '欧阳明垚', '垚垚垚', '李垚'],
    301,
  );
  await settleHousehold(admin, there.dwelling.id, ['周垚', '李垚', '欧阳娜垚'], 351);
}, 120_000);
afterAll(() => t.close());

const search = async (client: Client, limit: number) =>
  (await client.get(`/api/registry/search?kind=person&limit=${limit}&q=${encodeURIComponent(C)}`)).json<{
    items: { id: string; title: string }[];
  }>().items;

/** The page by a plain substring test: names starting with the character first, then the rest, each by name (code point) and id. */
const expected = (scopeCode: string | null, limit: number) =>
  queryRows<{ id: string; name: string }>(
    t.database.db,
    sql`SELECT id, name FROM registry_people
        WHERE position(${C} IN name) > 0
          AND (${scopeCode}::text IS NULL OR path LIKE '%' || ${scopeCode}::text || '%')
        ORDER BY starts_with(name, ${C}) DESC, name COLLATE "C", id LIMIT ${limit}`,
  );

describe('search by one character that is not a surname (a given name’s)', () => {
  it('finds every name holding it, those starting with it first, then by name and id, in the caller’s scope', async () => {
    const county = await search(admin, 100);
    const all = await expected(null, 100);
    expect(all.map((r) => r.name)).toEqual([
      '垚垚垚',
      '垚明',
      '周垚',
      '孙明垚',
      '李垚',
      '李垚',
      '欧阳娜垚',
      '欧阳明垚',
      '赵垚垚',
      '钱垚明',
    ]);
    expect(county.map((h) => h.id)).toEqual(all.map((r) => r.id));

    // The grid worker of 文定社区 sees its people only: not 周垚, 欧阳娜垚 or the other 李垚.
    const inCommunity = await search(gridworker, 100);
    const mine = await expected(COMMUNITY, 100);
    expect(mine).toHaveLength(7);
    expect(inCommunity.map((h) => h.id)).toEqual(mine.map((r) => r.id));
  });

  it('gives a short page as the first rows of the whole order (each position’s part limited, then merged)', async () => {
    for (const limit of [1, 3, 4, 6]) {
      expect((await search(admin, limit)).map((h) => h.id)).toEqual((await expected(null, limit)).map((r) => r.id));
    }
  });

  it('walks the second character’s index in name order, with no sort of all the matches', async () => {
    // The test database is small, so a bitmap scan and a sort would be as cheap: ruled out to see
    // the county's plan (measured on 1.13 M rows: an index scan stopping at the page).
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
      const rows = await queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`EXPLAIN SELECT id FROM registry_people WHERE substr(name, 2, 1) = ${C}
            ORDER BY (name COLLATE "C"), id LIMIT 20`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('registry_people_second_char_order');
    expect(plan).not.toContain('Sort');
  });
});
