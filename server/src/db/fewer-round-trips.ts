import { AsyncLocalStorage } from 'node:async_hooks';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { sha256Hex } from '../platform/crypto.js';

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
}

const trips = new AsyncLocalStorage<Trips>();
const dialect = new PgDialect();

const MARK = '/*yw-prepared:';
/** Marked statements' names by text: a few variants each (a statement's shape may vary a little); capped all the same. */
const preparedNames = new Map<string, string>();
const MAX_PREPARED_TEXTS = 256;

/**
 * A statement that includes this (anywhere: a comment) is prepared once per connection on the
 * PostgreSQL server and then only executed, with one plan made for any values (a generic
 * plan): no parsing and no planning per run. For the busiest statements, whose text stays the
 * same from one run to the next (their values are parameters) and whose best plan does not
 * depend on those values. Each distinct text is prepared under a name of its own; past 256
 * distinct texts the rest run unprepared. PGlite ignores the comment.
 */
export function preparedMark(label: string): SQL {
  if (!/^[a-z_]{1,24}$/.test(label)) throw new Error(`prepared statement label ${label} is not a-z_ of at most 24`);
  return sql.raw(`${MARK}${label}*/`);
}

/** The name a marked statement is prepared under; undefined for the rest. */
export function preparedNameOf(text: string): string | undefined {
  const at = text.indexOf(MARK);
  if (at < 0) return undefined;
  const known = preparedNames.get(text);
  if (known) return known;
  if (preparedNames.size >= MAX_PREPARED_TEXTS) return undefined;
  const label = text.slice(at + MARK.length, text.indexOf('*/', at));
  const name = `yw_${label}_${sha256Hex(text).slice(0, 16)}`;
  preparedNames.set(text, name);
  return name;
}

/** A query's config with the name of its prepared statement, when it is marked (node-postgres prepares it once per connection). */
// biome-ignore lint/suspicious/noExplicitAny: passes node-postgres's query arguments through.
function named(config: any): any {
  if (typeof config !== 'object' || config === null || typeof config.text !== 'string' || config.name || config.submit)
    return config;
  const name = preparedNameOf(config.text);
  return name ? { ...config, name } : config;
}

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
  const statements = readings.map((reading) => {
    const query = dialect.sqlToQuery(reading.statement);
    return { text: query.sql, values: query.params };
  });
  // One result per statement, in order (queryTogether leaves out a held BEGIN's and a PREPARE's).
  const results = await store.owner.queryTogether(store, statements);
  return readings.map((reading, i) => reading.read((results[i]?.rows ?? []) as Record<string, unknown>[])) as T;
}

const isWord = (text: string, word: string) => text.trim().toLowerCase() === word;

/**
 * `text` with its `$n` parameters written in as quoted literals: the server reads them as it
 * reads text parameters (of unknown type, typed by where they stand). Only the values this
 * path sends: text, numbers, booleans, dates, null.
 */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  if (values.length === 0) return text;
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
}

/** A parameter's value as a literal of unknown type, typed by where it stands: text, numbers, booleans, dates, null. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return quoted(String(value));
  if (value instanceof Date) return quoted(value.toISOString());
  throw new Error(`a parameter of type ${typeof value} cannot be sent with BEGIN or COMMIT`);
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

type QueryConfig = { text: string; values?: unknown[]; rowMode?: 'array'; types?: unknown; name?: string };
type Statement = { text: string; values: readonly unknown[] };

/**
 * The pool's client class: as node-postgres's, except that it prepares marked statements
 * (preparedMark) once per connection, and inside withFewerRoundTrips holds BEGIN back until
 * the first statement and sends the atCommit statement with COMMIT.
 */
export class FewerRoundTripsClient extends pg.Client {
  #beginHeld = false;
  /**
   * The marked statements this connection has PREPAREd in SQL (for the simple-protocol trips,
   * which cannot use the protocol's named statements: those are node-postgres's, by name).
   */
  #sqlPrepared = new Set<string>();
  /**
   * Part of every SQL-level name: raised when a trip that PREPAREd failed, since which of its
   * statements ran is then unknown; the next trip prepares under new names.
   */
  #generation = 0;

  constructor(config?: string | pg.ClientConfig) {
    const given = typeof config === 'string' ? { connectionString: config } : (config ?? {});
    // Prepared statements (the marked ones: no other statement is prepared) are planned once,
    // for any values: PostgreSQL would otherwise plan some of them anew on every run, when its
    // generic plan's estimate comes out above a plan made for the values at hand (an array of
    // ids: it guesses ten), and planning the case lock's joins costs more than running them.
    super({ ...given, options: [given.options, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' ') });
  }

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query has many overloads; only (config, values) → Promise is changed.
  override query(config: any, values?: any, callback?: any): any {
    const store = trips.getStore();
    const plain = store && typeof callback !== 'function' && typeof values !== 'function';
    const text: unknown = typeof config === 'string' ? config : config?.text;
    if (!plain || typeof text !== 'string' || config?.name || config?.submit) {
      return super.query(named(config), values, callback);
    }
    const params: unknown[] = (Array.isArray(values) ? values : config?.values) ?? [];
    return this.#send(store, typeof config === 'string' ? { text } : { ...config, text }, params).then((results) =>
      results.at(-1),
    );
  }

  /** Sends `statements` in one trip (after a held BEGIN) and answers each one's result. */
  async queryTogether(store: Trips, statements: readonly Statement[]): Promise<pg.QueryResult[]> {
    const last = statements.at(-1);
    if (!last) return [];
    const results = await this.#send(store, { text: last.text }, [...last.values], statements.slice(0, -1));
    // The statements' own results are the last ones (a BEGIN or a PREPARE answers before them).
    return results.slice(-statements.length);
  }

  async #send(
    store: Trips,
    config: QueryConfig,
    params: unknown[],
    together: readonly Statement[] = [],
  ): Promise<pg.QueryResult[]> {
    const plainQuery = async () => [await super.query(named({ ...config, values: params }) as pg.QueryConfig)];
    if (!store.owner && isWord(config.text, 'begin') && params.length === 0) {
      this.#beginHeld = true;
      store.owner = this;
      return [emptyResult('BEGIN')];
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
      return [emptyResult(committing ? 'COMMIT' : 'ROLLBACK')];
    }
    const begin = this.#beginHeld;
    this.#beginHeld = false;
    // A rollback drops the held statements; anything else runs after them.
    const sending = rollingBack ? [] : held;
    if (!begin && sending.length === 0 && together.length === 0) return plainQuery();
    if (sending.length > 0 && !committing) {
      // The held statements were not the last after all: they go first, on their own.
      await this.#simpleQuery(begin, sending);
      if (together.length === 0) return plainQuery();
      return this.#simpleQuery(false, [...together, { text: config.text, values: params }], config);
    }
    return this.#simpleQuery(begin, [...sending, ...together, { text: config.text, values: params }], config);
  }

  /**
   * Statements as one simple-protocol query, after BEGIN when `begin`, and every result; the
   * statements' own are the last ones, one each. A marked statement goes as EXECUTE of its
   * prepared statement, PREPAREd after the BEGIN on the connection's first use; any other with
   * its parameters written in.
   */
  async #simpleQuery(
    begin: boolean,
    statements: readonly Statement[],
    config?: QueryConfig,
  ): Promise<pg.QueryResult[]> {
    const preparing: string[] = [];
    const prepares: string[] = [];
    const texts = statements.map(({ text, values }) => {
      const base = preparedNameOf(text);
      if (!base) return inlineParameters(text, values);
      const name = `${base}_s${this.#generation}`;
      if (!this.#sqlPrepared.has(name) && !preparing.includes(name)) {
        preparing.push(name);
        prepares.push(`PREPARE ${name} AS ${text}`);
      }
      return values.length > 0 ? `EXECUTE ${name}(${values.map(literal).join(', ')})` : `EXECUTE ${name}`;
    });
    const text = [...(begin ? ['BEGIN'] : []), ...prepares, ...texts].join('; ');
    try {
      const results = (await super.query({
        ...(config ?? {}),
        text,
        values: undefined,
        name: undefined,
      } as pg.QueryConfig)) as unknown as pg.QueryResult | pg.QueryResult[];
      for (const name of preparing) this.#sqlPrepared.add(name);
      return Array.isArray(results) ? results : [results];
    } catch (error) {
      if (preparing.length > 0) {
        // Which PREPAREs ran is unknown: the next trip prepares under new names.
        this.#generation += 1;
        this.#sqlPrepared.clear();
      }
      throw error;
    }
  }
}

function emptyResult(command: string): pg.QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] };
}
