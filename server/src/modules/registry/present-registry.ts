import type {
  Address,
  Building,
  Dwelling,
  Facility,
  HistoryEntry,
  HouseholdVisit,
  Organization,
  Person,
  PersonTag,
} from '@yiwang/contracts';
import type {
  AddressRow,
  BuildingRow,
  DwellingRow,
  FacilityRow,
  HistoryRow,
  OrganizationRow,
  PersonRow,
} from './registry.repository.js';
import type { HouseholdVisitRow } from './registry-visits.repository.js';

export const presentAddress = (
  row: AddressRow,
  aliases: { alias: string; kind: Address['aliases'][number]['kind'] }[],
): Address => ({
  id: row.id,
  code: row.code,
  regionCode: row.regionCode,
  text: row.text,
  aliases: aliases.map(({ alias, kind }) => ({ alias, kind })),
  version: row.version,
});

export const presentBuilding = (row: BuildingRow, address: string): Building => ({
  id: row.id,
  name: row.name,
  address,
  addressId: row.addressId,
  lon: row.lon,
  lat: row.lat,
  floors: row.floors,
  use: row.use,
  gridCode: row.gridCode,
  version: row.version,
});

export const presentDwelling = (row: DwellingRow, address: string): Dwelling => ({
  id: row.id,
  buildingId: row.buildingId,
  addressId: row.addressId,
  address,
  use: row.use,
  areaM2: row.areaM2,
  rooms: row.rooms,
  version: row.version,
});

/**
 * A person as most readers see them: ID number and phone masked. `tags` is what the reader is
 * granted of the person's tags; undefined (absent) when the reader is granted no tag at all.
 */
export function presentPerson(row: PersonRow, address: string, tags?: PersonTag[]): Person {
  return {
    id: row.id,
    householdId: row.householdId,
    relation: row.relation,
    name: row.name,
    idNumberMasked: row.idNumberMasked,
    sex: row.sex,
    birthDate: row.birthDate,
    phoneMasked: row.phoneMasked,
    residence: row.residence,
    movedInOn: row.movedInOn,
    movedOutOn: row.movedOutOn,
    address,
    ...(tags ? { tags } : {}),
    version: row.version,
  };
}

export const presentOrganization = (row: OrganizationRow, address: string): Organization => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  address,
  licenceNumber: row.licenceNumber,
  contactName: row.contactName,
  contactPhoneMasked: row.contactPhoneMasked,
  gridCode: row.gridCode,
  version: row.version,
});

export const presentFacility = (row: FacilityRow): Facility => ({
  id: row.id,
  classCode: row.classCode,
  code: row.code,
  name: row.name,
  lon: row.lon,
  lat: row.lat,
  state: row.state,
  ownerUnit: row.ownerUnit,
  gridCode: row.gridCode,
  version: row.version,
});

export const presentHistory = (row: HistoryRow): HistoryEntry => ({
  version: row.version,
  state: row.state,
  changedBy: row.changedBy,
  validFrom: row.validFrom.toISOString(),
  validTo: row.validTo.toISOString(),
});

/** A household visit as the worker app and the desk show it (who by display name). */
export const presentVisit = (row: HouseholdVisitRow & { visitedBy: string }): HouseholdVisit => ({
  id: row.id,
  householdId: row.householdId,
  dwellingId: row.dwellingId,
  visitedBy: row.visitedBy,
  visitedAt: row.visitedAt.toISOString(),
  outcome: row.outcome,
  note: row.note,
  changes: row.changes,
});
