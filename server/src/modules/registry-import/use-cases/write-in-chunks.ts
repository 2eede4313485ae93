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
 * and its rows go back as failed, to re-import once checked. Answers the run's failures in chunk
 * order, or null when the job was asked to stop (chunks already started are finished first).
 *
 * Up to `writers` chunks are in flight at once, each in its own transaction on its own connection:
 * while the server writes one chunk (index upkeep is most of an import's time), the next is
 * sealed and sent. Only for kinds whose chunks are independent (a people import: a household is
 * never split, an ID number is once per file); 1 writes one after another, as PGlite always does.
 */
export async function writeInChunks<T extends { row: number }>(
  deps: ImportDeps,
  importId: string,
  chunks: Iterable<T[]>,
  signal: AbortSignal | undefined,
  write: (tx: Executor, chunk: T[]) => Promise<RunFailure[] | undefined>,
  writers = 1,
): Promise<RunFailure[] | null> {
  const failuresOf: RunFailure[][] = [];
  const writeOne = async (chunk: T[]): Promise<RunFailure[]> => {
    try {
      return (await deps.db.transaction((tx) => write(tx, chunk))) ?? [];
    } catch (error) {
      if (uniqueViolation(error) === null) throw error;
      await registryImportRepository.addToCounts(deps.db, importId, {
        done: chunk.length,
        stored: 0,
        existing: 0,
        clashes: 0,
      });
      return chunk.map((r) => ({ row: r.row, reason: '与同时进行的登记冲突，未导入，请重新导入这一行' }));
    }
  };
  const inFlight = new Set<Promise<void>>();
  let failed: { error: unknown } | null = null;
  let stopped = false;
  let index = 0;
  for (const chunk of chunks) {
    if (signal?.aborted) {
      stopped = true;
      break;
    }
    if (failed) break;
    const at = index++;
    const done: Promise<void> = writeOne(chunk).then(
      (failures) => {
        failuresOf[at] = failures;
      },
      (error: unknown) => {
        failed ??= { error };
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    if (inFlight.size >= Math.max(1, writers)) await Promise.race(inFlight);
  }
  // Every started chunk ends (committed or undone) before the run answers, stopped or failed.
  await Promise.all(inFlight);
  if (failed) throw (failed as { error: unknown }).error;
  if (stopped) return null;
  return failuresOf.flat();
}
