import {
  BUILDING_IMPORT_FIELDS,
  DWELLING_IMPORT_FIELDS,
  FACILITY_IMPORT_FIELDS,
  type LocalizedText,
  ORGANIZATION_IMPORT_FIELDS,
  type RegistryImportKind,
} from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import {
  addressesForImport,
  facilityCodesRegistered,
  organizationsRegistered,
  storeImportedBuildings,
  storeImportedDwellings,
  storeImportedFacilities,
  storeImportedOrganizations,
} from '../../registry/index.js';
import type { ColumnDefinitions } from '../domain/columns.js';
import { normalizeAddress } from '../domain/people-rows.js';
import { BUILDING_COLUMNS, DWELLING_COLUMNS, FACILITY_COLUMNS, ORGANIZATION_COLUMNS } from '../domain/place-columns.js';
import {
  type AddressFacts,
  type BuildingRecord,
  type CheckedPlaces,
  checkBuildingRows,
  checkDwellingRows,
  checkFacilityRows,
  checkOrganizationRows,
  type DwellingRecord,
  type FacilityRecord,
  type GridFacts,
  type OrganizationRecord,
  type PlaceLookups,
  type PlaceRecordBase,
  pointKey,
  pointOfCells,
} from '../domain/place-rows.js';
import { registryImportRepository } from '../registry-import.repository.js';
import type { ImportDeps } from '../registry-import-deps.js';

export type PlaceImportKindName = Exclude<RegistryImportKind, 'people'>;

interface PlaceTable {
  headers: string[];
  rows: string[][];
  mapping: (string | null)[];
}

/**
 * What makes one kind of place importable: its columns, its pure row check (given the registry's
 * facts), and writing a batch of checked records in the run's transaction (answering their ids).
 * The dry run, the background run, progress, failed rows and re-import are the same for all.
 */
export interface PlaceImportKind<F extends string, R extends PlaceRecordBase> {
  fields: readonly F[];
  columns: ColumnDefinitions<F>;
  /** The template's sheet title. */
  title: LocalizedText;
  /** The registry object the written records are (audit). */
  objectType: string;
  check(table: PlaceTable & { lookups: PlaceLookups }): CheckedPlaces<R>;
  write(tx: Executor, deps: ImportDeps, options: { updatedBy: string | null; records: R[] }): Promise<string[]>;
}

/*
 * A record already registered under the same key is reported as a failed row "已存在，未覆盖"
 * rather than sent to the merge review: a clerk importing a building or shop list expects the
 * ledger entry not to change behind their back, and the failed-rows file tells them which ones
 * to check on the record's own page, where every field can be edited. The merge review is made for
 * people (an ID number, sealed fields, "is this the same person?"), which a place never asks.
 */
const placeKind = <F extends string, R extends PlaceRecordBase>(kind: PlaceImportKind<F, R>) =>
  kind as unknown as PlaceImportKind<string, PlaceRecordBase>;

export const PLACE_IMPORT_KINDS: Readonly<Record<PlaceImportKindName, PlaceImportKind<string, PlaceRecordBase>>> = {
  buildings: placeKind<(typeof BUILDING_IMPORT_FIELDS)[number], BuildingRecord>({
    fields: BUILDING_IMPORT_FIELDS,
    columns: BUILDING_COLUMNS,
    title: { 'zh-CN': '楼栋导入模板', 'en-US': 'Buildings import' },
    objectType: 'registry-building',
    check: checkBuildingRows,
    write: (tx, _deps, { updatedBy, records }) =>
      storeImportedBuildings(tx, {
        updatedBy,
        buildings: records.map(({ row: _row, key: _key, ...b }) => b),
      }),
  }),
  dwellings: placeKind<(typeof DWELLING_IMPORT_FIELDS)[number], DwellingRecord>({
    fields: DWELLING_IMPORT_FIELDS,
    columns: DWELLING_COLUMNS,
    title: { 'zh-CN': '房屋导入模板', 'en-US': 'Dwellings import' },
    objectType: 'registry-dwelling',
    check: checkDwellingRows,
    write: (tx, _deps, { updatedBy, records }) =>
      storeImportedDwellings(tx, {
        updatedBy,
        dwellings: records.map(({ row: _row, key: _key, ...d }) => d),
      }),
  }),
  organizations: placeKind<(typeof ORGANIZATION_IMPORT_FIELDS)[number], OrganizationRecord>({
    fields: ORGANIZATION_IMPORT_FIELDS,
    columns: ORGANIZATION_COLUMNS,
    title: { 'zh-CN': '组织导入模板', 'en-US': 'Organizations import' },
    objectType: 'registry-organization',
    check: checkOrganizationRows,
    write: (tx, deps, { updatedBy, records }) =>
      storeImportedOrganizations(tx, {
        updatedBy,
        secretKey: deps.secretKey,
        organizations: records.map(({ row: _row, key: _key, ...o }) => o),
      }),
  }),
  facilities: placeKind<(typeof FACILITY_IMPORT_FIELDS)[number], FacilityRecord>({
    fields: FACILITY_IMPORT_FIELDS,
    columns: FACILITY_COLUMNS,
    title: { 'zh-CN': '部件导入模板', 'en-US': 'Facilities import' },
    objectType: 'registry-facility',
    check: checkFacilityRows,
    // The code's unique index refuses a code stored meanwhile: the batch is undone whole.
    write: (tx, _deps, { updatedBy, records }) =>
      storeImportedFacilities(tx, {
        updatedBy,
        facilities: records.map(({ row: _row, key: _key, ...f }) => f),
      }),
  }),
};

export const isPlaceKind = (kind: RegistryImportKind): kind is PlaceImportKindName => kind !== 'people';

/**
 * Checks a place file against the registry as it is now, in the importer's scope: the addresses
 * it names, the grids of its points (and of its addresses' points), the keys already registered
 * and the rows this very file already stored. The dry run and the run both check through here.
 */
export async function checkPlacesAgainstRegistry(
  db: Executor,
  deps: Pick<ImportDeps, 'locator'>,
  options: PlaceTable & { kind: PlaceImportKindName; scopePath: string; fileSha256: string },
): Promise<CheckedPlaces<PlaceRecordBase>> {
  const { kind, rows, mapping, scopePath } = options;
  const cellsOf = (field: string) => {
    const column = mapping.indexOf(field);
    return column < 0 ? [] : rows.map((r) => (r[column] ?? '').trim());
  };
  const texts = [
    ...new Set([...cellsOf('address'), ...cellsOf('buildingAddress')].map(normalizeAddress).filter((t) => t !== '')),
  ];
  const found = await addressesForImport(db, { texts, scopePath });
  const addresses = new Map<string, AddressFacts>(
    texts.flatMap((t) => {
      const facts = found.get(t);
      return facts ? [[t, facts] as const] : [];
    }),
  );
  const lons = cellsOf('lon');
  const lats = cellsOf('lat');
  const points: [number, number][] = [
    ...lons.flatMap((lon, i) => {
      const point = pointOfCells(lon, lats[i] ?? '');
      return point ? [point] : [];
    }),
    ...[...addresses.values()].flatMap((a): [number, number][] =>
      a.lon === null || a.lat === null ? [] : [[a.lon, a.lat]],
    ),
  ];
  const located = await deps.locator.baseGridsAt(points);
  const grids = new Map<string, GridFacts | null>(
    points.map(([lon, lat], i) => {
      const grid = located[i];
      return [pointKey(lon, lat), grid ? { code: grid.code, name: grid.name, path: grid.path } : null];
    }),
  );
  const licences = cellsOf('licenceNumber')
    .map((l) => l.replace(/\s/g, '').toUpperCase())
    .filter((l) => l !== '');
  const organizations =
    kind === 'organizations'
      ? await organizationsRegistered(db, {
          licenceNumbers: licences,
          addressIds: [...addresses.values()].map((a) => a.id),
        })
      : { licences: new Set<string>(), namesAt: new Set<string>() };
  const facilityCodes =
    kind === 'facilities' ? await facilityCodesRegistered(db, cellsOf('facilityCode')) : new Set<string>();
  return PLACE_IMPORT_KINDS[kind].check({
    ...options,
    lookups: {
      scopePath,
      addresses,
      grids,
      recorded: await registryImportRepository.recordedRowsOfFile(db, options.fileSha256),
      licences: organizations.licences,
      organizationNamesAt: organizations.namesAt,
      facilityCodes,
    },
  });
}
