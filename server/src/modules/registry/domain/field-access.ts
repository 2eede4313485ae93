/**
 * The one field-access function of the data-sharing catalog: what a unit reads of a record is
 * exactly the fields its grant names; every other field is absent (not masked, not null).
 * The record handed in is already presented (ID numbers and phones masked).
 */
export function grantedFields<R extends Record<string, unknown>>(
  record: R,
  fields: readonly string[],
): Partial<R> & { id?: unknown } {
  const out: Record<string, unknown> = { id: record.id };
  for (const field of fields) if (field in record) out[field] = record[field];
  return out as Partial<R>;
}
