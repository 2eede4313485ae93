import type { RegistryImport } from '@yiwang/contracts';
import type { ImportRow } from './registry-import.repository.js';

/** The rows that end up not stored: the check's problem rows and the run's failures. */
export function failedRowNumbers(row: ImportRow): Set<number> {
  return new Set([...row.problems.map((p) => p.row), ...row.runFailures.map((f) => f.row)]);
}

export const presentImport = (row: ImportRow): RegistryImport => ({
  id: row.id,
  kind: row.kind,
  fileName: row.fileName,
  state: row.state,
  mapping: row.headers.map((header, i) => ({ header, field: row.mapping[i] ?? null })),
  total: row.total,
  valid: row.valid,
  problems: [
    ...row.problems,
    ...row.runFailures.map((f) => ({ row: f.row, column: '', value: '', reason: f.reason })),
  ].sort((a, b) => a.row - b.row),
  done: row.done,
  stored: row.stored,
  existing: row.existing,
  clashes: row.clashes,
  failed: failedRowNumbers(row).size,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});
