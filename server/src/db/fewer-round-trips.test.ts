import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../test/db.js';
import type { Database } from './client.js';
import { queryRows } from './client.js';
import { atCommit, inlineParameters, readTogether, withFewerRoundTrips } from './fewer-round-trips.js';

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
