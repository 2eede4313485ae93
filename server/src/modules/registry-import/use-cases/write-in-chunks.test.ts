import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../../db/client.js';
import { createTestDatabase } from '../../../test/db.js';
import { type ImportDeps, importDepsFor } from '../registry-import-deps.js';
import { writeInChunks } from './write-in-chunks.js';

/*
 * writeInChunks with one writer and with two chunks in flight (what a people import gets on a
 * PostgreSQL server), on whichever database the tests run on: each chunk is all written or not at
 * all, failures come back in chunk order, and no chunk is left running when the call answers.
 */
let database: Database;
let deps: ImportDeps;

beforeAll(async () => {
  database = await createTestDatabase('empty');
  deps = importDepsFor(database, randomBytes(32));
  await database.db.execute(sql`CREATE TABLE chunk_probe (row int PRIMARY KEY)`);
}, 60_000);
afterAll(() => database.close());
beforeEach(() => database.db.execute(sql`DELETE FROM chunk_probe`));

const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ row: from + i }));
/** Five chunks of three rows: 1–3, 4–6, …, 13–15. */
const chunks = () => [rows(1, 3), rows(4, 6), rows(7, 9), rows(10, 12), rows(13, 15)];
/** The rows of the chunks that start at these rows, in order. */
const rowsOf = (firsts: number[]) => [...firsts].sort((a, b) => a - b).flatMap((r) => [r, r + 1, r + 2]);
const written = async () =>
  (await queryRows<{ row: number }>(database.db, sql`SELECT row FROM chunk_probe ORDER BY row`)).map((r) => r.row);
const insert = (tx: Parameters<Parameters<typeof writeInChunks>[4]>[0], chunk: { row: number }[]) =>
  tx.execute(sql`INSERT INTO chunk_probe (row) SELECT * FROM unnest(${sql.param(chunk.map((r) => r.row))}::int[])`);

describe.each([1, 2])('writeInChunks with %i writer(s)', (writers) => {
  it('undoes a chunk a unique index refuses, whole, and answers every failure in chunk order', async () => {
    const failures = await writeInChunks(
      deps,
      randomUUID(),
      chunks(),
      undefined,
      async (tx, chunk) => {
        await insert(tx, chunk);
        // The third chunk clashes after its rows went in (its row 1 was written by the first chunk).
        if (chunk[0]?.row === 7) await insert(tx, [{ row: 1 }]);
        return chunk[0]?.row === 13 ? [{ row: 14, reason: 'checked out' }] : [];
      },
      writers,
    );
    expect(failures?.map((f) => f.row)).toEqual([7, 8, 9, 14]);
    expect(failures?.[0]?.reason).toContain('冲突');
    expect(await written()).toEqual([1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15]);
  });

  it('throws any other error once the chunks already started have ended, and starts none after it', async () => {
    const started: number[] = [];
    await expect(
      writeInChunks(
        deps,
        randomUUID(),
        chunks(),
        undefined,
        async (tx, chunk) => {
          started.push(chunk[0]?.row ?? 0);
          if (chunk[0]?.row === 4) throw new Error('disk full');
          await insert(tx, chunk);
          return [];
        },
        writers,
      ),
    ).rejects.toThrow('disk full');
    // Chunks 1 and 2 ended (committed, undone); with two writers chunk 3 may have started beside
    // chunk 2, and then ended too; none after.
    expect(started.slice(0, 2).sort((a, b) => a - b)).toEqual([1, 4]);
    expect(started.length).toBeLessThanOrEqual(writers === 1 ? 2 : 3);
    expect(await written()).toEqual(rowsOf(started.filter((first) => first !== 4)));
  });

  it('answers null when asked to stop, after the chunks already started are written', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const result = await writeInChunks(
      deps,
      randomUUID(),
      chunks(),
      stop.signal,
      async (tx, chunk) => {
        started.push(chunk[0]?.row ?? 0);
        await insert(tx, chunk);
        if (chunk[0]?.row === 4) stop.abort();
        return [];
      },
      writers,
    );
    expect(result).toBeNull();
    expect(started.slice(0, 2).sort((a, b) => a - b)).toEqual([1, 4]);
    expect(started.length).toBeLessThanOrEqual(writers === 1 ? 2 : 3);
    expect(await written()).toEqual(rowsOf(started));
  });
});
