import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { registryImportHouseholds, registryImportRows } from './registry-import.tables.js';

/*
 * What a people import records per batch, set-based: one INSERT … SELECT FROM unnest(arrays) per
 * table (a handful of parameters however many rows, on PGlite and a PostgreSQL server alike).
 */

type ImportRowInsert = Required<
  Pick<typeof registryImportRows.$inferInsert, 'fileSha256' | 'row' | 'importId' | 'outcome'>
> & {
  personId: string | null;
};
type ImportHouseholdInsert = typeof registryImportHouseholds.$inferInsert;

/** One array parameter (not a list of parameters, which is what drizzle makes of a bare array). */
const array = <T>(rows: T[], pick: (row: T) => string | number | null) => sql.param(rows.map(pick));

export const registryImportBulkRepository = {
  /** Rows a file dealt with; a row recorded already (a resumed run) stays as it was. */
  async recordRows(db: Executor, rows: ImportRowInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(sql`
      INSERT INTO registry_import_rows (file_sha256, row, import_id, outcome, person_id)
      SELECT * FROM unnest(${array(rows, (r) => r.fileSha256)}::text[], ${array(rows, (r) => r.row)}::int[],
        ${array(rows, (r) => r.importId)}::uuid[], ${array(rows, (r) => r.outcome)}::text[],
        ${array(rows, (r) => r.personId)}::uuid[])
      ON CONFLICT DO NOTHING`);
  },
  async recordHouseholds(db: Executor, rows: ImportHouseholdInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(sql`
      INSERT INTO registry_import_households (dwelling_id, household_key, household_id)
      SELECT * FROM unnest(${array(rows, (r) => r.dwellingId)}::uuid[], ${array(rows, (r) => r.householdKey)}::text[],
        ${array(rows, (r) => r.householdId)}::uuid[])`);
  },
};
