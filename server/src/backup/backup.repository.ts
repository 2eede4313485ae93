import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.js';

/** Every ordinary table of the application: its own (public) and drizzle's migration journal. */
async function tables(db: Executor): Promise<{ schema: string; name: string }[]> {
  return queryRows<{ schema: string; name: string }>(
    db,
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE'
        ORDER BY table_schema, table_name`,
  );
}

const qualified = (t: { schema: string; name: string }) => sql.raw(`"${t.schema}"."${t.name}"`);

export const backupRepository = {
  /** True when any application table holds a row: a restore would overwrite real data. */
  async holdsData(db: Executor): Promise<boolean> {
    for (const t of await tables(db)) {
      if (t.schema === 'drizzle') continue; // a migrated but unused database is still empty
      const [row] = await queryRows<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM ${qualified(t)}) AS any`);
      if (row?.any) return true;
    }
    return false;
  },

  /** Applied migrations: how many, and the `when` of the newest (drizzle's journal timestamp). */
  async migrationLevel(db: Executor): Promise<{ applied: number; newestAt: number | null }> {
    const [journal] = await queryRows<{ present: boolean }>(
      db,
      sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
    );
    if (!journal?.present) return { applied: 0, newestAt: null };
    const [row] = await queryRows<{ applied: number; newest: string | null }>(
      db,
      sql`SELECT count(*)::int AS applied, max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`,
    );
    return { applied: row?.applied ?? 0, newestAt: row?.newest ? Number(row.newest) : null };
  },

  /** A few sealed values (columns named *_sealed), to prove a key opens this database's data. */
  async sealedSamples(db: Executor, perColumn = 3): Promise<{ column: string; sealed: string }[]> {
    const columns = await queryRows<{ table: string; column: string }>(
      db,
      sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name LIKE '%\\_sealed' ORDER BY table_name, column_name`,
    );
    const samples: { column: string; sealed: string }[] = [];
    for (const c of columns) {
      const rows = await queryRows<{ sealed: string }>(
        db,
        sql`SELECT ${sql.raw(`"${c.column}"`)} AS sealed FROM ${sql.raw(`public."${c.table}"`)}
            WHERE ${sql.raw(`"${c.column}"`)} IS NOT NULL LIMIT ${perColumn}`,
      );
      for (const r of rows) samples.push({ column: `${c.table}.${c.column}`, sealed: r.sealed });
    }
    return samples;
  },

  /** Row count and a content checksum per table (compares a database before and after a round trip). */
  async tableDigests(db: Executor): Promise<Record<string, { rows: number; md5: string }>> {
    const digests: Record<string, { rows: number; md5: string }> = {};
    for (const t of await tables(db)) {
      const [row] = await queryRows<{ rows: number; md5: string | null }>(
        db,
        sql`SELECT count(*)::int AS rows, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS md5
            FROM ${qualified(t)} AS x`,
      );
      digests[`${t.schema}.${t.name}`] = { rows: row?.rows ?? 0, md5: row?.md5 ?? '' };
    }
    return digests;
  },
};
