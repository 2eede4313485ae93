import type { Executor } from '../../../db/client.js';
import { uniqueViolation } from '../../registry/index.js';
import { registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';

/** Rows written per transaction by an import run (people keep a household's members together). */
export const CHUNK_ROWS = 500;

export interface RunFailure {
  row: number;
  reason: string;
}

/**
 * Writes an import's checked records chunk by chunk, one transaction each, for every kind. A
 * chunk a unique index refuses (someone registered one of its records meanwhile) is undone whole
 * and its rows go back as failed, to re-import once checked. Answers the run's failures, or null
 * when the job was asked to stop.
 */
export async function writeInChunks<T extends { row: number }>(
  deps: ImportDeps,
  importId: string,
  chunks: Iterable<T[]>,
  signal: AbortSignal | undefined,
  write: (tx: Executor, chunk: T[]) => Promise<RunFailure[] | undefined>,
): Promise<RunFailure[] | null> {
  const runFailures: RunFailure[] = [];
  for (const chunk of chunks) {
    if (signal?.aborted) return null;
    try {
      runFailures.push(...((await deps.db.transaction((tx) => write(tx, chunk))) ?? []));
    } catch (error) {
      if (uniqueViolation(error) === null) throw error;
      runFailures.push(...chunk.map((r) => ({ row: r.row, reason: '与同时进行的登记冲突，未导入，请重新导入这一行' })));
      await registryImportRepository.addToCounts(deps.db, importId, {
        done: chunk.length,
        stored: 0,
        existing: 0,
        clashes: 0,
      });
    }
  }
  return runFailures;
}
