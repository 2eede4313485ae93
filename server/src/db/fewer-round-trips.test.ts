import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../test/db.js';
import type { Database } from './client.js';
import { queryRows } from './client.js';
import {
  atCommit,
  inlineParameters,
  preparedMark,
  preparedNameOf,
  readTogether,
  withFewerRoundTrips,
} from './fewer-round-trips.js';

describe('inlineParameters', () => {
  it('writes each parameter in as a quoted literal, by its number', () => {
    const text = 'SELECT $1, $2, $10, $3, $4, $5';
    const values = ["it's", 'C:\\tmp', null, 42, new Date('2026-12-06T01:02:03.004Z'), 6, 7, 8, 9, 'ten'];
    expect(inlineParameters(text, values)).toBe(
      "SELECT 'it''s',  E'C:\\\\tmp', 'ten', NULL, '42', '2026-12-06T01:02:03.004Z'",
    );
    expect(inlineParameters('SELECT 1', [])).toBe('SELECT 1');
  });

  it("quotes a string as node-postgres's escapeLiteral does", () => {
    for (const value of ['', 'plain', "a'b", "''", 'a\\b', "\\'\\", '{"k":"v\\"q"}', '路面破损，请尽快处理']) {
      expect(inlineParameters('$1', [value])).toBe(pg.escapeLiteral(value));
    }
  });

  it('refuses a value it cannot write as text', () => {
    expect(() => inlineParameters('SELECT $1', [Buffer.from('x')])).toThrow(/cannot be sent/);
  });
});

let database: Database;
const onServer = () => database.kind === 'postgres';

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`CREATE TABLE trips_test (id int PRIMARY KEY, note text NOT NULL)`);
});
afterAll(() => database.close());

/** The texts node-postgres's own client is asked to send from now on (on PGlite: none). */
function sent() {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text: string };
    texts.push(typeof config === 'string' ? config : config.text);
    return original.apply(this, args as never);
  });
  return texts;
}
afterEach(() => vi.restoreAllMocks());

const notes = async () =>
  (await queryRows<{ id: number; note: string }>(database.db, sql`SELECT id, note FROM trips_test ORDER BY id`)).map(
    (r) => `${r.id}:${r.note}`,
  );

describe('withFewerRoundTrips', () => {
  it('sends BEGIN with the first statement and the atCommit statement with COMMIT, and both land', async () => {
    const texts = sent();
    const awkward = "it's; $1 \\ 'quoted'";
    const id = await withFewerRoundTrips(() =>
      database.db.transaction(async (tx) => {
        const [row] = await queryRows<{ id: number }>(
          tx,
          sql`INSERT INTO trips_test (id, note) VALUES (${1}, ${'first'}) RETURNING id`,
        );
        await atCommit(tx, sql`INSERT INTO trips_test (id, note) VALUES (${2}, ${awkward})`);
        return row?.id;
      }),
    );
    if (onServer()) {
      // Two round trips for the whole transaction.
      expect(texts).toHaveLength(2);
      expect(texts[0]).toMatch(/^BEGIN; INSERT INTO trips_test .* RETURNING id$/);
      expect(texts[1]).toMatch(/^INSERT INTO trips_test .*; commit$/);
    }
    expect(id).toBe(1);
    expect(await notes()).toEqual(['1:first', `2:${awkward}`]);
  });

  it('rolls the whole transaction back when the statement sent with COMMIT fails', async () => {
    await expect(
      withFewerRoundTrips(() =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO trips_test (id, note) VALUES (${3}, ${'lost'})`);
          // The same id again: refused at commit.
          await atCommit(tx, sql`INSERT INTO trips_test (id, note) VALUES (${3}, ${'again'})`);
        }),
      ),
    ).rejects.toThrow();
    expect(await notes()).not.toContain('3:lost');
    // The connection is fine afterwards.
    expect(await notes()).toHaveLength(2);
  });

  it('runs a statement held for COMMIT before any statement that comes after it', async () => {
    const counted = await withFewerRoundTrips(() =>
      database.db.transaction(async (tx) => {
        await atCommit(tx, sql`INSERT INTO trips_test (id, note) VALUES (${4}, ${'held'})`);
        const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM trips_test`);
        return row?.n;
      }),
    );
    expect(counted).toBe(3);
    expect(await notes()).toContain('4:held');
  });

  it('sends nothing for a transaction that did nothing, and leaves other transactions as they were', async () => {
    const texts = sent();
    expect(await withFewerRoundTrips(() => database.db.transaction(async () => 'nothing'))).toBe('nothing');
    expect(texts).toEqual([]);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO trips_test (id, note) VALUES (${5}, ${'plain'})`);
    });
    if (onServer()) expect(texts).toEqual(['begin', 'INSERT INTO trips_test (id, note) VALUES ($1, $2)', 'commit']);
    expect(await notes()).toContain('5:plain');
  });

  it('reads statements together in one trip, each in a snapshot of its own: a statement sees what the lock before it waited for', async () => {
    const texts = sent();
    let other: Promise<void> = Promise.resolve();
    if (onServer()) {
      // Another transaction takes the lock first and writes a row, committed while we wait.
      let locked = () => {};
      const holding = new Promise<void>((resolve) => {
        locked = resolve;
      });
      other = database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(4242)`);
        locked();
        await tx.execute(sql`INSERT INTO trips_test (id, note) VALUES (${6}, ${'other'})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      });
      await holding;
    } else {
      await database.db.execute(sql`INSERT INTO trips_test (id, note) VALUES (${6}, ${'other'})`);
    }
    const [lock, seen] = await withFewerRoundTrips(() =>
      database.db.transaction((tx) =>
        readTogether(
          tx,
          { statement: sql`SELECT pg_advisory_xact_lock(${4242}) IS NOT NULL AS locked`, read: (rows) => rows.length },
          {
            statement: sql`SELECT note FROM trips_test WHERE id = ${6}`,
            read: (rows) => rows.map((r) => r.note),
          },
        ),
      ),
    );
    await other;
    expect(lock).toBe(1);
    expect(seen).toEqual(['other']);
    if (onServer())
      expect(texts.filter((t) => t.startsWith("BEGIN; SELECT pg_advisory_xact_lock('4242')"))).toHaveLength(1);
  });
});

describe('preparedMark', () => {
  const mark = preparedMark('trips_test');
  const plusOne = (n: number) => ({
    statement: sql`${mark} SELECT ${n}::int + 1 AS n`,
    read: (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.n)),
  });
  const preparedHere = async (tx: Parameters<typeof queryRows>[0]) =>
    (
      await queryRows<{ name: string; from_sql: boolean }>(
        tx,
        sql`SELECT name, from_sql FROM pg_prepared_statements WHERE name LIKE 'yw_trips_test_%' ORDER BY name`,
      )
    ).map((r) => `${r.from_sql ? 'sql' : 'protocol'}:${r.name}`);

  it('names one statement text apart from another, and refuses a label it could not use as a name', () => {
    const a = preparedNameOf('/*yw-prepared:trips_test*/ SELECT $1::int');
    expect(a).toMatch(/^yw_trips_test_[0-9a-f]{16}$/);
    expect(preparedNameOf('/*yw-prepared:trips_test*/ SELECT $1::int')).toBe(a);
    expect(preparedNameOf('/*yw-prepared:trips_test*/ SELECT $1::bigint')).not.toBe(a);
    expect(preparedNameOf('SELECT $1::int')).toBeUndefined();
    expect(() => preparedMark('Trips; DROP')).toThrow(/label/);
  });

  it('prepares a marked statement once per connection, then only executes it: in the trips with BEGIN and COMMIT and in plain ones', async () => {
    const texts = sent();
    const [first, again, later, prepared] = await withFewerRoundTrips(() =>
      database.db.transaction(async (tx) => {
        // The same text twice in one trip: prepared once, executed twice.
        const [a, b] = await readTogether(tx, plusOne(1), plusOne(41));
        const [c] = await readTogether(tx, plusOne(9));
        await tx.execute(sql`${mark} INSERT INTO trips_test (id, note) VALUES (${10}, ${'plain'})`);
        const here = onServer() ? await preparedHere(tx) : [];
        await atCommit(tx, sql`${mark} INSERT INTO trips_test (id, note) VALUES (${11}, ${"it's held"})`);
        return [[...(a ?? []), ...(b ?? [])], b, c, here];
      }),
    );
    expect(first).toEqual([2, 42]);
    expect(again).toEqual([42]);
    expect(later).toEqual([10]);
    expect(await notes()).toEqual(expect.arrayContaining(['10:plain', "11:it's held"]));
    if (!onServer()) return;
    const trips = texts.filter((t) => /(PREPARE|EXECUTE) yw_trips_test_/.test(t));
    // First trip: BEGIN, one PREPARE, two EXECUTEs. A statement alone after BEGIN went as node-postgres's
    // named statement (the protocol's), and the COMMIT trip prepared the held insert in SQL.
    expect(trips).toHaveLength(2);
    expect(trips[0]).toMatch(
      /^BEGIN; PREPARE (yw_trips_test_\w+)_s0 AS \/\*yw-prepared:trips_test\*\/ SELECT \$1::int \+ 1 AS n; EXECUTE \1_s0\('1'\); EXECUTE \1_s0\('41'\)$/,
    );
    expect(trips[1]).toMatch(/^PREPARE (yw_trips_test_\w+)_s0 AS .*; EXECUTE \1_s0\('11', 'it''s held'\); commit$/);
    const select = preparedNameOf('/*yw-prepared:trips_test*/ SELECT $1::int + 1 AS n');
    const insert = preparedNameOf('/*yw-prepared:trips_test*/ INSERT INTO trips_test (id, note) VALUES ($1, $2)');
    expect(prepared.sort()).toEqual([`protocol:${insert}`, `protocol:${select}`, `sql:${select}_s0`].sort());
    // One plan for any values: a statement is never planned again on a connection.
    const [mode] = await queryRows<{ plan_cache_mode: string }>(database.db, sql`SHOW plan_cache_mode`);
    expect(mode?.plan_cache_mode).toBe('force_generic_plan');
  });

  it('prepares again under a new name after a trip that prepared failed, so no statement is taken for prepared when it may not be', async () => {
    if (!onServer()) return;
    // One connection, so every transaction below runs on the one that failed.
    vi.stubEnv('YIWANG_DB_POOL', '1');
    const single = await createTestDatabase();
    vi.unstubAllEnvs();
    try {
      const texts = sent();
      const divide = (by: number) => ({
        statement: sql`${mark} SELECT 10 / ${by}::int AS n`,
        read: (rows: Record<string, unknown>[]) => rows.map((r) => Number(r.n)),
      });
      await expect(
        withFewerRoundTrips(() => single.db.transaction((tx) => readTogether(tx, divide(0)))),
      ).rejects.toThrow(/division by zero/);
      const [[n], names] = await withFewerRoundTrips(() =>
        single.db.transaction(async (tx) => [await readTogether(tx, divide(2)), await preparedHere(tx)] as const),
      );
      expect(n).toEqual([5]);
      const trips = texts.filter((t) => /(PREPARE|EXECUTE) yw_trips_test_/.test(t));
      expect(trips[0]).toMatch(/PREPARE yw_trips_test_\w+_s0 AS/);
      expect(trips[1]).toMatch(/PREPARE yw_trips_test_\w+_s1 AS/);
      expect(names.filter((name) => name.startsWith('sql:'))).toHaveLength(2);
    } finally {
      await single.close();
    }
  });

  it('runs a marked statement unchanged where nothing is prepared (PGlite, or outside a pool client)', async () => {
    const rows = await queryRows<{ n: number }>(database.db, sql`${mark} SELECT ${3}::int * 2 AS n`);
    expect(rows.map((r) => Number(r.n))).toEqual([6]);
  });
});
