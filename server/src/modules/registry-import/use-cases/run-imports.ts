import type { Executor } from '../../../db/client.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { maskPhone } from '../../../platform/phone.js';
import { recordAudit } from '../../audit/index.js';
import {
  type ImportedPerson,
  maskIdNumber,
  type PersonWithAddress,
  peopleByIdNumbers,
  storeImportedHouseholds,
} from '../../registry/index.js';
import type { ColumnMapping } from '../domain/people-columns.js';
import { householdKeyOf, type ImportPerson } from '../domain/people-rows.js';
import { type ImportRow, registryImportRepository } from '../registry-import.repository.js';
import { registryImportBulkRepository } from '../registry-import-bulk.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';
import { checkAgainstRegistry } from './check-import.js';
import { isPlaceKind } from './place-kinds.js';
import { contextOf, runPlaceImport } from './run-place-imports.js';
import { CHUNK_ROWS, writeInChunks } from './write-in-chunks.js';

/** Rows written per transaction: progress moves in these steps, and a failure undoes at most one. */
/** Who a person is, for deduplication: an ID number already registered with these is the same person. */
const samePerson = (a: ImportPerson, b: PersonWithAddress) =>
  a.name === b.name && a.sex === b.sex && a.birthDate === b.birthDate;

const imported = (p: ImportPerson): ImportedPerson => ({
  name: p.name,
  idNumber: p.idNumber,
  sex: p.sex,
  birthDate: p.birthDate,
  phone: p.phone,
  relation: p.relation,
  residence: p.residence,
  movedInOn: p.movedInOn,
});

/** The households of a file in row order, never split across chunks. */
function chunksOf(people: ImportPerson[]): ImportPerson[][] {
  const groups = new Map<string, ImportPerson[]>();
  for (const p of people) groups.set(householdKeyOf(p), [...(groups.get(householdKeyOf(p)) ?? []), p]);
  const chunks: ImportPerson[][] = [];
  let current: ImportPerson[] = [];
  for (const members of groups.values()) {
    if (current.length > 0 && current.length + members.length > CHUNK_ROWS) {
      chunks.push(current);
      current = [];
    }
    current.push(...members);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * One chunk of households, in one transaction: rows this file already dealt with are skipped; a
 * row whose ID number is registered with the same name, sex and birth date is "existing"; with
 * other data it goes to the merge review queue (nothing overwritten); the rest are stored, new
 * households made or the file's earlier ones (same dwelling and 户号) added to. Answers the rows
 * that could not be stored, with why.
 */
async function importChunk(
  tx: Executor,
  deps: ImportDeps,
  row: ImportRow,
  chunk: ImportPerson[],
): Promise<{ row: number; reason: string }[]> {
  const recorded = await registryImportRepository.recordedRows(
    tx,
    row.fileSha256,
    chunk.map((p) => p.row),
  );
  const fresh = chunk.filter((p) => !recorded.has(p.row));
  const registered = await peopleByIdNumbers(tx, {
    secretKey: deps.secretKey,
    idNumbers: fresh.flatMap((p) => (p.idNumber ? [p.idNumber] : [])),
  });
  const rowsDone: { row: number; outcome: 'stored' | 'existing' | 'clash'; personId: string }[] = [];
  const reviews: Parameters<typeof registryImportRepository.insertMergeReviews>[1] = [];
  const toStore: ImportPerson[] = [];
  for (const p of fresh) {
    const other = p.idNumber ? registered.get(p.idNumber) : undefined;
    if (!other) toStore.push(p);
    else if (samePerson(p, other)) rowsDone.push({ row: p.row, outcome: 'existing', personId: other.id });
    else {
      rowsDone.push({ row: p.row, outcome: 'clash', personId: other.id });
      reviews.push({
        importId: row.id,
        row: p.row,
        personId: other.id,
        incomingSealed: encryptSecret(deps.secretKey, JSON.stringify(imported(p))),
        incomingMasked: {
          name: p.name,
          idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
          sex: p.sex,
          birthDate: p.birthDate,
          phoneMasked: p.phone ? maskPhone(p.phone) : null,
          residence: p.residence,
          address: p.address,
        },
        // Where the registered person lives: whoever may resolve it must see them.
        path: other.path,
      });
    }
  }

  const failures: { row: number; reason: string }[] = [];
  const groups = new Map<string, ImportPerson[]>();
  for (const p of toStore) groups.set(householdKeyOf(p), [...(groups.get(householdKeyOf(p)) ?? []), p]);
  const known = new Map(
    (await registryImportRepository.importedHouseholds(tx, [...new Set(toStore.map((p) => p.dwellingId))])).map((h) => [
      householdKeyOf(h),
      h.householdId,
    ]),
  );
  const writable = [...groups.entries()].filter(([key, members]) => {
    if (known.has(key) || members.some((m) => m.relation === 'head')) return true;
    // Its head is registered already (or under review): these members have no household to join yet.
    for (const m of members) {
      failures.push({
        row: m.row,
        reason: '该户户主已登记或在身份证号冲突审核中，请在人房信息中将其加入该户，或处理审核后重新导入',
      });
    }
    return false;
  });
  const stored = await storeImportedHouseholds(tx, {
    secretKey: deps.secretKey,
    updatedBy: row.createdBy,
    groups: writable.map(([key, members]) => ({
      householdId: known.get(key) ?? null,
      dwellingId: members[0]?.dwellingId ?? '',
      path: members[0]?.path ?? '',
      members: members.map(imported),
    })),
  });
  await registryImportBulkRepository.recordHouseholds(
    tx,
    writable.flatMap(([key, members], i) =>
      known.has(key)
        ? []
        : [
            {
              dwellingId: members[0]?.dwellingId ?? '',
              householdKey: members[0]?.householdKey ?? '',
              householdId: stored[i]?.householdId ?? '',
            },
          ],
    ),
  );
  writable.forEach(([, members], i) => {
    for (const [j, m] of members.entries()) {
      rowsDone.push({ row: m.row, outcome: 'stored', personId: stored[i]?.personIds[j] ?? '' });
    }
  });
  await registryImportBulkRepository.recordRows(
    tx,
    rowsDone.map((r) => ({
      fileSha256: row.fileSha256,
      row: r.row,
      importId: row.id,
      outcome: r.outcome,
      personId: r.personId,
    })),
  );
  await registryImportRepository.insertMergeReviews(tx, reviews);
  const storedCount = rowsDone.filter((r) => r.outcome === 'stored').length;
  await registryImportRepository.addToCounts(tx, row.id, {
    done: chunk.length,
    stored: storedCount,
    existing: recorded.size + rowsDone.filter((r) => r.outcome === 'existing').length,
    clashes: reviews.length,
  });
  if (storedCount + reviews.length > 0) {
    await recordAudit(tx, contextOf(row), {
      action: 'registry.create',
      objectType: 'registry-import',
      objectId: row.id,
      scopePath: row.path,
      details: {
        rows: [chunk[0]?.row, chunk[chunk.length - 1]?.row],
        households: writable.filter(([key]) => !known.has(key)).length,
        people: storedCount,
        clashes: reviews.length,
      },
    });
  }
  return failures;
}

/**
 * Runs one queued (or interrupted) import to the end: checks its rows again against the registry
 * as it is now, then writes chunk by chunk, counting progress. Safe to resume: rows already dealt
 * with are recorded by file and row. Answers whether there was one to run.
 */
export async function runNextImport(deps: ImportDeps, options: { signal?: AbortSignal; now: Date }): Promise<boolean> {
  const next = await registryImportRepository.nextImportToRun(deps.db);
  if (!next) return false;
  const row =
    next.state === 'queued'
      ? await registryImportRepository.moveImport(deps.db, next.id, 'queued', {
          state: 'running',
          done: 0,
          stored: 0,
          existing: 0,
          clashes: 0,
        })
      : next;
  if (!row) return true;
  const runFailures = isPlaceKind(row.kind)
    ? await runPlaceImport(deps, { row, kind: row.kind, signal: options.signal })
    : await runPeopleImport(deps, { row, now: options.now, signal: options.signal });
  if (runFailures === null) return true; // stopped: resumed by the next run
  await finishImport(deps, row, runFailures, options.now);
  return true;
}

/** Checks a people import again and writes it household chunk by household chunk; null when stopped. */
async function runPeopleImport(
  deps: ImportDeps,
  options: { row: ImportRow; now: Date; signal: AbortSignal | undefined },
): Promise<{ row: number; reason: string }[] | null> {
  const { row } = options;
  const checked = await checkAgainstRegistry(deps.db, {
    secretKey: deps.secretKey,
    headers: row.headers,
    rows: row.rows,
    mapping: row.mapping as ColumnMapping,
    scopePath: row.path,
    now: options.now,
  });
  await registryImportRepository.updateImport(deps.db, row.id, {
    problems: checked.problems,
    valid: checked.people.length,
    done: row.total - checked.people.length,
    stored: 0,
    existing: 0,
    clashes: 0,
    runFailures: [],
  });
  // A people import's chunks are independent (a household is never split, an ID number is once per
  // file), so up to deps.chunkWriters of them are written at once.
  return writeInChunks(
    deps,
    row.id,
    chunksOf(checked.people),
    options.signal,
    (tx, chunk) => importChunk(tx, deps, row, chunk),
    deps.chunkWriters,
  );
}

/** Marks a run done with its failures, audited. */
async function finishImport(
  deps: ImportDeps,
  row: ImportRow,
  runFailures: { row: number; reason: string }[],
  now: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const finished = await registryImportRepository.moveImport(tx, row.id, 'running', {
      state: 'done',
      runFailures,
      finishedAt: now,
    });
    if (!finished) return;
    await recordAudit(tx, contextOf(row), {
      action: 'registry.import.done',
      objectType: 'registry-import',
      objectId: row.id,
      scopePath: row.path,
      details: {
        total: finished.total,
        stored: finished.stored,
        existing: finished.existing,
        clashes: finished.clashes,
        failed: finished.problems.length + runFailures.length,
      },
    });
  });
}
