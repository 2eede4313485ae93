import type { Executor } from '../../../db/client.js';
import type { AuditContext } from '../../audit/index.js';
import { recordAudit } from '../../audit/index.js';
import type { PlaceRecordBase } from '../domain/place-rows.js';
import { type ImportRow, registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';
import { checkPlacesAgainstRegistry, PLACE_IMPORT_KINDS, type PlaceImportKindName } from './place-kinds.js';
import { CHUNK_ROWS, writeInChunks } from './write-in-chunks.js';

/** Records written per transaction: progress moves in these steps, and a failure undoes at most one. */
/** The run's audit context: the importer who checked and started it. */
export const contextOf = (row: ImportRow): AuditContext => ({
  actor: { id: row.actorId, label: row.actorLabel, scopePath: row.path },
  requestId: null,
});

/**
 * One batch of checked place records, in one transaction: rows this file already stored are
 * counted existing and skipped; the others are written by the kind, recorded by file and row, and
 * audited together.
 */
async function importPlaceChunk(
  tx: Executor,
  deps: ImportDeps,
  options: { row: ImportRow; kind: PlaceImportKindName; chunk: PlaceRecordBase[] },
): Promise<void> {
  const { row, kind, chunk } = options;
  const recorded = await registryImportRepository.recordedRows(
    tx,
    row.fileSha256,
    chunk.map((r) => r.row),
  );
  const fresh = chunk.filter((r) => !recorded.has(r.row));
  const ids = await PLACE_IMPORT_KINDS[kind].write(tx, deps, { updatedBy: row.createdBy, records: fresh });
  await registryImportRepository.recordRows(
    tx,
    fresh.map((r, i) => ({
      fileSha256: row.fileSha256,
      row: r.row,
      importId: row.id,
      outcome: 'stored' as const,
      // The column holds the record a row made: a person, or here the place.
      personId: ids[i] ?? null,
    })),
  );
  await registryImportRepository.addToCounts(tx, row.id, {
    done: chunk.length,
    stored: fresh.length,
    existing: recorded.size,
    clashes: 0,
  });
  if (fresh.length > 0) {
    await recordAudit(tx, contextOf(row), {
      action: 'registry.create',
      objectType: 'registry-import',
      objectId: row.id,
      scopePath: row.path,
      details: {
        kind,
        objectType: PLACE_IMPORT_KINDS[kind].objectType,
        rows: [chunk[0]?.row, chunk[chunk.length - 1]?.row],
        stored: fresh.length,
      },
    });
  }
}

/**
 * Runs a place import: checks its rows again against the registry as it is now (a record
 * registered since the dry run is "已存在，未覆盖"), then writes batch by batch, counting
 * progress. Answers the rows a batch could not store, or null when stopped (resumed later).
 */
export async function runPlaceImport(
  deps: ImportDeps,
  options: { row: ImportRow; kind: PlaceImportKindName; signal: AbortSignal | undefined },
): Promise<{ row: number; reason: string }[] | null> {
  const { row, kind } = options;
  const checked = await checkPlacesAgainstRegistry(deps.db, deps, {
    kind,
    headers: row.headers,
    rows: row.rows,
    mapping: row.mapping,
    scopePath: row.path,
    fileSha256: row.fileSha256,
  });
  await registryImportRepository.updateImport(deps.db, row.id, {
    problems: checked.problems,
    valid: checked.records.length,
    done: row.total - checked.records.length,
    stored: 0,
    existing: 0,
    clashes: 0,
    runFailures: [],
  });
  const chunks = Array.from({ length: Math.ceil(checked.records.length / CHUNK_ROWS) }, (_, i) =>
    checked.records.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS),
  );
  return writeInChunks(deps, row.id, chunks, options.signal, async (tx, chunk) => {
    await importPlaceChunk(tx, deps, { row, kind, chunk });
    return undefined;
  });
}
