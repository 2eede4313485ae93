import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/**
 * Many rows in one parameter: `INSERT INTO t (…) SELECT … FROM jsonb_populate_recordset(NULL::t,
 * $1)`. Drizzle's multi-row insert makes one parameter per value and checks each as it builds
 * the statement; for the intake's batches that cost more CPU than the database spent storing
 * the rows. One JSON text is built natively, and the database converts each field to its
 * column's type (timestamps from ISO text, arrays from JSON arrays, jsonb as it is).
 *
 * Rows have the table's insert shape (its TypeScript field names). A field left out of every
 * row is left to the column's default; every row must give the same fields. Values must
 * survive JSON: no BigInt, no NaN.
 */
export function insertRowsStatement<T extends Table>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const [first] = rows;
  if (!first) throw new Error('insertRowsStatement needs at least one row');
  const given = (row: T['$inferInsert']) => row as Record<string, unknown>;
  const columns = Object.entries(getTableColumns(table)).filter(([field]) => given(first)[field] !== undefined);
  const fieldNames = columns.map(([field]) => field);
  const columnNames = columns.map(([, column]) => column.name);
  const json = rows.map((row) => {
    const fields = given(row);
    const out: Record<string, unknown> = {};
    // Plain loops (no arrays per row): a batch of intakes sends about 40 rows this way.
    for (let i = 0; i < fieldNames.length; i++) {
      const value = fields[fieldNames[i] as string];
      // Same fields in every row: a field another row gives would silently become NULL here.
      if (value === undefined) throw new Error('insertRowsStatement: every row must give the same fields');
      out[columnNames[i] as string] = value;
    }
    let defined = 0;
    for (const field in fields) if (fields[field] !== undefined) defined++;
    if (defined !== fieldNames.length) throw new Error('insertRowsStatement: every row must give the same fields');
    return out;
  });
  // One piece of text, not an identifier per column: Drizzle walks every piece of a statement
  // as it builds it, and a case has 40 columns. The names are the schema's own.
  const names = sql.raw(columns.map(([, column]) => `"${column.name.replaceAll('"', '""')}"`).join(', '));
  return sql`INSERT INTO ${table} (${names})
             SELECT ${names} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(json)}::jsonb)`;
}
