import type { RegistryImport, RegistryImportKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { currentHeadCounts, dwellingsAtAddresses, idNumberProblem, peopleByIdNumbers } from '../../registry/index.js';
import { mapColumnsOf, unmappedRequiredOf } from '../domain/columns.js';
import { type ColumnMapping, mapColumns, PEOPLE_COLUMNS, unmappedRequired } from '../domain/people-columns.js';
import {
  type CellProblem,
  type CheckedPeople,
  checkPeopleRows,
  householdKeyOf,
  type ImportAddress,
  normalizeAddress,
} from '../domain/people-rows.js';
import { presentImport } from '../present-import.js';
import { type ImportTable, readImportFile } from '../read-import-file.js';
import { registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';
import {
  checkPlacesAgainstRegistry,
  isPlaceKind,
  PLACE_IMPORT_KINDS,
  type PlaceImportKindName,
} from './place-kinds.js';

/** China's calendar day of an instant (no daylight saving: UTC+8 all year). */
const chinaDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Checks a file's rows against the registry as it is now: addresses resolved in the scope, and
 * the heads of households earlier imports made. The dry run and the run both check through here.
 */
export async function checkAgainstRegistry(
  db: Executor,
  options: {
    secretKey: Buffer;
    headers: string[];
    rows: string[][];
    mapping: ColumnMapping;
    scopePath: string;
    now: Date;
  },
): Promise<CheckedPeople> {
  const { headers, rows, mapping, scopePath } = options;
  const idColumn = mapping.indexOf('idNumber');
  const ids = idColumn < 0 ? [] : rows.map((r) => r[idColumn] ?? '').filter((id) => idNumberProblem(id) === null);
  const registered = new Set((await peopleByIdNumbers(db, { secretKey: options.secretKey, idNumbers: ids })).keys());
  const addressColumn = mapping.indexOf('address');
  const keyColumn = mapping.indexOf('householdKey');
  const texts = [...new Set(rows.map((r) => normalizeAddress(r[addressColumn] ?? '')).filter((t) => t !== ''))];
  const found = await dwellingsAtAddresses(db, { texts, scopePath });
  const addresses = new Map<string, ImportAddress>(
    texts.flatMap((t) => {
      const at = found.get(t);
      return at ? [[t, at] as const] : [];
    }),
  );
  const imported = await registryImportRepository.importedHouseholds(db, [
    ...new Set([...addresses.values()].map((a) => a.dwellingId)),
  ]);
  const keysInFile = new Set(
    rows.map((r) => {
      const at = addresses.get(normalizeAddress(r[addressColumn] ?? ''));
      return at ? householdKeyOf({ dwellingId: at.dwellingId, householdKey: (r[keyColumn] ?? '').trim() }) : '';
    }),
  );
  const relevant = imported.filter((h) => keysInFile.has(householdKeyOf(h)));
  const heads = await currentHeadCounts(
    db,
    relevant.map((h) => h.householdId),
  );
  const existingHeads = new Map(relevant.map((h) => [householdKeyOf(h), heads.get(h.householdId) ?? 0]));
  return checkPeopleRows({
    headers,
    rows,
    mapping,
    addresses,
    existingHeads,
    registered,
    today: chinaDay(options.now),
  });
}

/**
 * The dry run: reads the file, matches its headers to fields (or as `columns` says), checks every
 * row and keeps the result as an import in state `checked`; nothing is written to the registry.
 */
export async function checkImport(
  deps: ImportDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    kind: RegistryImportKind;
    fileName: string;
    bytes: Buffer;
    columns: Record<string, string | null>;
    now: Date;
  },
): Promise<RegistryImport> {
  const { actor, context, kind, bytes, now } = options;
  const table = await readImportFile(bytes);
  const fileSha256 = sha256Hex(bytes);
  const { mapping, problems, valid } = isPlaceKind(kind)
    ? await checkPlaces(deps, { kind, table, columns: options.columns, scopePath: actor.scopePath, fileSha256 })
    : await checkPeople(deps, { table, columns: options.columns, scopePath: actor.scopePath, now });
  const total = table.rows.filter((r) => r.some((c) => c !== '')).length;
  return deps.db.transaction(async (tx) => {
    const saved = await registryImportRepository.insertImport(tx, {
      kind,
      fileName: options.fileName.slice(0, 200),
      fileSha256,
      headers: table.headers,
      mapping,
      rows: table.rows,
      problems,
      total,
      valid,
      path: actor.scopePath,
      createdBy: actor.kind === 'user' ? actor.id : null,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    await recordAudit(tx, context, {
      action: 'registry.import.check',
      objectType: 'registry-import',
      objectId: saved.id,
      details: {
        kind,
        file: saved.fileName,
        sha256: saved.fileSha256,
        total,
        valid: saved.valid,
        problems: problems.length,
      },
    });
    return presentImport(saved);
  });
}

interface DryRunResult {
  mapping: (string | null)[];
  problems: CellProblem[];
  valid: number;
}

async function checkPeople(
  deps: ImportDeps,
  options: { table: ImportTable; columns: Record<string, string | null>; scopePath: string; now: Date },
): Promise<DryRunResult> {
  const { table } = options;
  const mapping = mapColumns(table.headers, options.columns);
  const missing = unmappedRequired(mapping);
  if (missing.length > 0) {
    throw new DomainError('import-columns-missing', {
      columns: missing.map((f) => PEOPLE_COLUMNS[f].header).join('、'),
    });
  }
  const checked = await checkAgainstRegistry(deps.db, {
    ...table,
    mapping,
    secretKey: deps.secretKey,
    scopePath: options.scopePath,
    now: options.now,
  });
  return { mapping, problems: checked.problems, valid: checked.people.length };
}

async function checkPlaces(
  deps: ImportDeps,
  options: {
    kind: PlaceImportKindName;
    table: ImportTable;
    columns: Record<string, string | null>;
    scopePath: string;
    fileSha256: string;
  },
): Promise<DryRunResult> {
  const { kind, table } = options;
  const { fields, columns } = PLACE_IMPORT_KINDS[kind];
  const mapping = mapColumnsOf(fields, columns, table.headers, options.columns);
  const missing = unmappedRequiredOf(fields, columns, mapping);
  if (missing.length > 0) {
    throw new DomainError('import-columns-missing', { columns: missing.map((f) => columns[f]?.header).join('、') });
  }
  const checked = await checkPlacesAgainstRegistry(deps.db, deps, {
    kind,
    ...table,
    mapping,
    scopePath: options.scopePath,
    fileSha256: options.fileSha256,
  });
  return { mapping, problems: checked.problems, valid: checked.records.length };
}

/** Queues a checked import for the background run (the registry-imports job). */
export async function startImport(
  deps: ImportDeps,
  options: { actor: Actor; context: AuditContext; id: string },
): Promise<RegistryImport> {
  const { actor, context, id } = options;
  return deps.db.transaction(async (tx) => {
    const found = await registryImportRepository.importInScope(tx, id, actor.scopePath);
    if (!found) throw new DomainError('not-found');
    const queued = await registryImportRepository.moveImport(tx, id, 'checked', { state: 'queued' });
    if (!queued) throw new DomainError('import-already-started');
    await recordAudit(tx, context, {
      action: 'registry.import.start',
      objectType: 'registry-import',
      objectId: id,
      details: { rows: queued.valid },
    });
    return presentImport(queued);
  });
}

/** An import in scope, for its progress. */
export async function getImport(deps: ImportDeps, options: { actor: Actor; id: string }): Promise<RegistryImport> {
  const found = await registryImportRepository.importInScope(deps.db, options.id, options.actor.scopePath);
  if (!found) throw new DomainError('not-found');
  return presentImport(found);
}
