import { type Static, type TSchema, Type } from 'typebox';
import { Person } from './registry.js';
import {
  REGISTRY_IMPORT_KINDS,
  REGISTRY_IMPORT_STATES,
  REGISTRY_MERGE_DECISIONS,
  REGISTRY_MERGE_STATES,
} from './vocabulary/registry-import.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });

export const RegistryImportKindParams = Type.Object({ kind: Type.Enum(REGISTRY_IMPORT_KINDS) });
export type RegistryImportKindParams = Static<typeof RegistryImportKindParams>;

/** One bad cell of an import file: its row (as the spreadsheet numbers it), column, value and why. */
export const ImportCellProblem = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  value: Type.String(),
  reason: Type.String(),
});
export type ImportCellProblem = Static<typeof ImportCellProblem>;

/** An import: its dry run's result first, then the background run's progress and outcome. */
export const RegistryImport = Type.Object({
  id: Uuid,
  kind: Type.Enum(REGISTRY_IMPORT_KINDS),
  fileName: Type.String(),
  state: Type.Enum(REGISTRY_IMPORT_STATES),
  /** The file's headers, and the field each was matched to (null: ignored). */
  mapping: Type.Array(Type.Object({ header: Type.String(), field: Nullable(Type.String()) })),
  total: Type.Integer(),
  /** Rows the dry run found nothing wrong with. */
  valid: Type.Integer(),
  problems: Type.Array(ImportCellProblem),
  /** Rows the run has looked at so far, of `total` (the progress bar). */
  done: Type.Integer(),
  stored: Type.Integer(),
  /** Already registered with the same data (by ID number), or stored by an earlier run of this file: nothing written. */
  existing: Type.Integer(),
  /** Same ID number, different data: sent to the merge review queue, nothing overwritten. */
  clashes: Type.Integer(),
  failed: Type.Integer(),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type RegistryImport = Static<typeof RegistryImport>;

export const StartImportBody = Type.Object({}, { additionalProperties: false });

/** The fields of a person as the import and the merge review compare them (ID number and phone masked). */
export const MergeSide = Type.Object({
  name: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  sex: Person.properties.sex,
  birthDate: Type.String({ format: 'date' }),
  phoneMasked: Nullable(Type.String()),
  residence: Person.properties.residence,
  address: Type.String(),
});
export type MergeSide = Static<typeof MergeSide>;

export const MergeReview = Type.Object({
  id: Uuid,
  state: Type.Enum(REGISTRY_MERGE_STATES),
  personId: Uuid,
  existing: MergeSide,
  incoming: MergeSide,
  /** The fields where the two differ. */
  differences: Type.Array(Type.String()),
  importId: Uuid,
  row: Type.Integer(),
  createdAt: DateTime,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  note: Nullable(Type.String()),
});
export type MergeReview = Static<typeof MergeReview>;

export const MergeReviewList = Type.Object({ items: Type.Array(MergeReview) });
export type MergeReviewList = Static<typeof MergeReviewList>;

export const MergeReviewQuery = Type.Object({ state: Type.Optional(Type.Enum(REGISTRY_MERGE_STATES)) });
export type MergeReviewQuery = Static<typeof MergeReviewQuery>;

export const ResolveMergeBody = Type.Object(
  {
    decision: Type.Enum(REGISTRY_MERGE_DECISIONS),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ResolveMergeBody = Static<typeof ResolveMergeBody>;
