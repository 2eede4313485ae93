import { AsyncLocalStorage } from 'node:async_hooks';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** What runs a statement: the database or an open transaction (client.ts's Executor, which imports this file). */
interface Executor {
  execute(statement: SQL): PromiseLike<unknown>;
}

/**
 * A transaction in two round trips fewer, on the PostgreSQL server: its BEGIN travels with its
 * first statement and its last statement (when the caller names it: atCommit) with its COMMIT,
 * each pair as one simple-protocol query with the parameters written in as literals. The
 * intake's batches are a chain of short statements, each a round trip while the batch holds
 * its locks; two of eight were BEGIN and COMMIT alone.
 *
 * Opt-in per transaction (withFewerRoundTrips around db.transaction): other transactions are
 * untouched. PGlite runs in this process, where a round trip costs nothing, and is untouched
 * too: there atCommit runs its statement at once.
 */
interface Trips {
  /**
   * The client that held back this transaction's BEGIN (none yet: not on the server, or not
   * begun); another connection used meanwhile (none should be) is left alone.
   */
  owner?: FewerRoundTripsClient;
  /** The statements to send with COMMIT, in order. */
  held: { text: string; values: readonly unknown[] }[];
  /** The query being sent is readTogether's: answer every statement's result, not the last one's. */
  wantAll?: boolean;
}

const trips = new AsyncLocalStorage<Trips>();
const dialect = new PgDialect();

/** Runs `transaction` (a db.transaction call) with its BEGIN and COMMIT sent along with its first and last statements. */
export function withFewerRoundTrips<T>(transaction: () => Promise<T>): Promise<T> {
  return trips.run({ held: [] }, transaction);
}

/**
 * Runs `statement`, whose result nobody reads, as the transaction's last: sent with COMMIT
 * inside withFewerRoundTrips on the PostgreSQL server (its error then comes from the commit,
 * and the transaction rolls back), at once anywhere else. A statement run after it sends it
 * first, so the order holds either way; several go in the order they were given.
 */
export async function atCommit(tx: Executor, statement: SQL): Promise<void> {
  const store = trips.getStore();
  if (!store?.owner) {
    await tx.execute(statement);
    return;
  }
  const query = dialect.sqlToQuery(statement);
  store.held.push({ text: query.sql, values: query.params });
}

/** A statement and the reading of its rows: run alone, or with others in one round trip (readTogether). */
export interface Reading<T> {
  statement: SQL;
  read: (rows: Record<string, unknown>[]) => T;
}

/**
 * Runs statements in order, each reading what the ones before it committed or locked (in READ
 * COMMITTED every statement of a query takes its own snapshot), and reads each one's rows: in
 * one round trip inside withFewerRoundTrips on the server (with the held BEGIN, if this is the
 * transaction's first), one after another anywhere else.
 */
export async function readTogether<T extends unknown[]>(
  tx: Executor,
  ...readings: { [K in keyof T]: Reading<T[K]> }
): Promise<T> {
  const store = trips.getStore();
  if (!store?.owner) {
    const each: unknown[] = [];
    for (const reading of readings) {
      const { rows } = (await tx.execute(reading.statement)) as unknown as { rows: Record<string, unknown>[] };
      each.push(reading.read(rows));
    }
    return each as T;
  }
  const text = readings
    .map((reading) => {
      const query = dialect.sqlToQuery(reading.statement);
      return inlineParameters(query.sql, query.params);
    })
    .join('; ');
  store.wantAll = true;
  let answered: unknown;
  try {
    answered = await tx.execute(sql.raw(text));
  } finally {
    store.wantAll = false;
  }
  const results = (Array.isArray(answered) ? answered : [answered]) as pg.QueryResult[];
  // The last results are the statements' own (a held BEGIN answers first).
  const own = results.slice(-readings.length);
  return readings.map((reading, i) => reading.read((own[i]?.rows ?? []) as Record<string, unknown>[])) as T;
}

const isWord = (text: string, word: string) => text.trim().toLowerCase() === word;

/**
 * `text` with its `$n` parameters written in as quoted literals: the server reads them as it
 * reads text parameters (of unknown type, typed by where they stand). Only the values this
 * path sends: text, numbers, booleans, dates, null.
 */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  if (values.length === 0) return text;
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'string') return quoted(value);
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
      return quoted(String(value));
    if (value instanceof Date) return quoted(value.toISOString());
    throw new Error(`a parameter of type ${typeof value} cannot be sent with BEGIN or COMMIT`);
  });
}

/**
 * A string literal, as node-postgres's escapeLiteral writes it (quotes doubled; with a
 * backslash, an E'' literal with backslashes doubled, read the same whatever
 * standard_conforming_strings says), but by native replace: its loop over every character
 * was a visible cost on the batch's JSON parameters.
 */
function quoted(value: string): string {
  const inner = value.replaceAll("'", "''");
  return value.includes('\\') ? ` E'${inner.replaceAll('\\', '\\\\')}'` : `'${inner}'`;
}

type QueryConfig = { text: string; values?: unknown[]; rowMode?: 'array'; types?: unknown };

/**
 * The pool's client class: as node-postgres's, except inside withFewerRoundTrips, where it
 * holds BEGIN back until the first statement and sends the atCommit statement with COMMIT.
 */
export class FewerRoundTripsClient extends pg.Client {
  #beginHeld = false;

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query has many overloads; only (config, values) → Promise is changed.
  override query(config: any, values?: any, callback?: any): any {
    const store = trips.getStore();
    const plain = store && typeof callback !== 'function' && typeof values !== 'function';
    const text: unknown = typeof config === 'string' ? config : config?.text;
    if (!plain || typeof text !== 'string' || config?.name || config?.submit) {
      return super.query(config, values, callback);
    }
    const params: unknown[] = (Array.isArray(values) ? values : config?.values) ?? [];
    return this.#send(store, typeof config === 'string' ? { text } : { ...config, text }, params);
  }

  async #send(store: Trips, config: QueryConfig, params: unknown[]): Promise<pg.QueryResult> {
    const plainQuery = () => super.query({ ...config, values: params } as pg.QueryConfig);
    if (!store.owner && isWord(config.text, 'begin') && params.length === 0) {
      this.#beginHeld = true;
      store.owner = this;
      return emptyResult('BEGIN');
    }
    if (store.owner !== this) return plainQuery();
    const committing = isWord(config.text, 'commit');
    const rollingBack = isWord(config.text, 'rollback');
    const held = store.held.splice(0);
    if (committing || rollingBack) {
      // The transaction ends here: what follows in this context is on its own.
      store.owner = undefined;
    }
    if (this.#beginHeld && (committing || rollingBack) && held.length === 0) {
      // Nothing was sent: there is no transaction to end.
      this.#beginHeld = false;
      return emptyResult(committing ? 'COMMIT' : 'ROLLBACK');
    }
    const before: string[] = this.#beginHeld ? ['BEGIN'] : [];
    this.#beginHeld = false;
    // A rollback drops the held statements; anything else runs after them.
    if (!rollingBack) before.push(...held.map((h) => inlineParameters(h.text, h.values)));
    if (before.length === 0) return plainQuery();
    if (held.length > 0 && !committing && !rollingBack) {
      // The held statements were not the last after all: they go first, on their own.
      await super.query({ text: before.join('; ') });
      return plainQuery();
    }
    const text = [...before, inlineParameters(config.text, params)].join('; ');
    const results = (await super.query({ ...config, text, values: undefined } as pg.QueryConfig)) as unknown as
      | pg.QueryResult
      | pg.QueryResult[];
    if (store.wantAll) return results as pg.QueryResult;
    return Array.isArray(results) ? (results.at(-1) as pg.QueryResult) : results;
  }
}

function emptyResult(command: string): pg.QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] };
}
