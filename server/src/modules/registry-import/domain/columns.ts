/**
 * Matching a file's headers to the fields of an import kind: each field's Chinese header (the
 * template's), the other names a header may carry (matched after removing spaces, asterisks and
 * brackets), whether it must be filled, and the template's example.
 */

export interface ColumnDefinition {
  header: string;
  aliases: readonly string[];
  required: boolean;
  /** What the template's second row shows, so the file explains itself. */
  example: string;
}

export type ColumnDefinitions<F extends string> = Readonly<Record<F, ColumnDefinition>>;

const headerKey = (header: string) =>
  header
    .replace(/（.*?）|\(.*?\)|【.*?】|\[.*?\]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();

/**
 * Which field each header holds: matched by name or alias, unless `override` names the field
 * for that header (or null to ignore it). A field claimed twice keeps its first column.
 */
export function mapColumnsOf<F extends string>(
  fields: readonly F[],
  columns: ColumnDefinitions<F>,
  headers: readonly string[],
  override: Readonly<Record<string, string | null>> = {},
): (F | null)[] {
  const byHeader = new Map<string, F>(
    fields.flatMap((field) =>
      [columns[field].header, ...columns[field].aliases].map((h) => [headerKey(h), field] as const),
    ),
  );
  const taken = new Set<F>();
  return headers.map((header) => {
    const chosen = header in override ? override[header] : byHeader.get(headerKey(header));
    const field = fields.find((f) => f === chosen) ?? null;
    if (field === null || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** Required fields no column is mapped to. */
export const unmappedRequiredOf = <F extends string>(
  fields: readonly F[],
  columns: ColumnDefinitions<F>,
  mapping: readonly (string | null)[],
): F[] => fields.filter((f) => columns[f].required && !mapping.includes(f));
