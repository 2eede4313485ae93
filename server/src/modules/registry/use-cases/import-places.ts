import type { BuildingUse, DwellingUse, FacilityState, OrganizationKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { nameInitials } from '../domain/name-initials.js';
import { importPlacesRepository } from '../import-places.repository.js';
import { registryRepository } from '../registry.repository.js';
import { sealPhone } from '../registry-secrets.js';

/*
 * What the registry offers a place import (modules/registry-import): the standard addresses a file
 * names, with the building or dwelling already there, the organizations already registered, and
 * writing checked buildings, dwellings, organizations and facilities. The import module checks its
 * rows; the registry alone writes its tables.
 */

/** A standard address in scope as a file names it, and what already stands at it. */
export interface ImportAddressFacts {
  id: string;
  path: string;
  text: string;
  /** The address's road, number and 幢 (with its community): a dwelling belongs to the building sharing it. */
  buildingKey: string;
  building: string | null;
  room: string | null;
  lon: number | null;
  lat: number | null;
  buildingId: string | null;
  buildingPath: string | null;
  dwellingId: string | null;
}

const TEXT_SLICE = 5_000;

/** The standard addresses in scope at written texts (standard text, code or alias), by the text given. */
export async function addressesForImport(
  db: Executor,
  options: { texts: string[]; scopePath: string },
): Promise<Map<string, ImportAddressFacts>> {
  const out = new Map<string, ImportAddressFacts>();
  const rows = [];
  // A text appears three times in the query (text, code, alias): slices stay well below 65 535 parameters.
  for (let i = 0; i < options.texts.length; i += TEXT_SLICE) {
    rows.push(
      ...(await importPlacesRepository.addressesAt(db, options.texts.slice(i, i + TEXT_SLICE), options.scopePath)),
    );
  }
  for (const r of rows) {
    const facts: ImportAddressFacts = {
      id: r.id,
      path: r.path,
      text: r.text,
      buildingKey: [r.regionCode, r.road, r.number, r.building ?? ''].join('|'),
      building: r.building,
      room: r.room,
      lon: r.lon,
      lat: r.lat,
      buildingId: r.buildingId,
      buildingPath: r.buildingPath,
      dwellingId: r.dwellingId,
    };
    for (const key of [r.text, r.code, r.alias]) if (key) out.set(key, facts);
  }
  return out;
}

/** Which organizations are registered already: by licence number (anywhere), and by `${addressId}|${name}`. */
export async function organizationsRegistered(
  db: Executor,
  options: { licenceNumbers: string[]; addressIds: string[] },
): Promise<{ licences: Set<string>; namesAt: Set<string> }> {
  const licences = new Set<string>();
  const namesAt = new Set<string>();
  for (let i = 0; i < options.licenceNumbers.length; i += TEXT_SLICE) {
    const slice = options.licenceNumbers.slice(i, i + TEXT_SLICE);
    for (const l of await importPlacesRepository.organizationLicences(db, slice)) licences.add(l);
  }
  for (let i = 0; i < options.addressIds.length; i += TEXT_SLICE) {
    const slice = options.addressIds.slice(i, i + TEXT_SLICE);
    for (const n of await importPlacesRepository.organizationNamesAt(db, slice)) namesAt.add(n);
  }
  return { licences, namesAt };
}

/** Which facility codes (部件编码) are registered already, anywhere. */
export async function facilityCodesRegistered(db: Executor, codes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += TEXT_SLICE) {
    for (const c of await importPlacesRepository.facilityCodes(db, codes.slice(i, i + TEXT_SLICE))) taken.add(c);
  }
  return taken;
}

interface Written {
  updatedBy: string | null;
}

/** Writes checked buildings in the caller's transaction; answers their ids in the order given. */
export async function storeImportedBuildings(
  tx: Executor,
  options: Written & {
    buildings: {
      addressId: string;
      name: string;
      lon: number;
      lat: number;
      floors: number;
      use: BuildingUse;
      gridCode: string;
      path: string;
    }[];
  },
): Promise<string[]> {
  const rows = await registryRepository.insertBuildings(
    tx,
    options.buildings.map((b) => ({ ...b, updatedBy: options.updatedBy })),
  );
  return rows.map((r) => r.id);
}

/** Writes checked dwellings in the caller's transaction; answers their ids in the order given. */
export async function storeImportedDwellings(
  tx: Executor,
  options: Written & {
    dwellings: {
      buildingId: string;
      addressId: string;
      use: DwellingUse;
      areaM2: number;
      rooms: number;
      path: string;
    }[];
  },
): Promise<string[]> {
  const rows = await registryRepository.insertDwellings(
    tx,
    options.dwellings.map((d) => ({ ...d, updatedBy: options.updatedBy })),
  );
  return rows.map((r) => r.id);
}

/** Writes checked organizations (the contact phone sealed) in the caller's transaction; answers their ids. */
export async function storeImportedOrganizations(
  tx: Executor,
  options: Written & {
    secretKey: Buffer;
    organizations: {
      kind: OrganizationKind;
      name: string;
      addressId: string;
      licenceNumber: string | null;
      contactName: string | null;
      contactPhone: string | null;
      gridCode: string;
      path: string;
    }[];
  },
): Promise<string[]> {
  const rows = await registryRepository.insertOrganizations(
    tx,
    options.organizations.map(({ contactPhone, ...o }) => {
      const phone = contactPhone ? sealPhone(options.secretKey, contactPhone) : null;
      return {
        ...o,
        nameInitials: nameInitials(o.name),
        contactPhoneSealed: phone?.sealed ?? null,
        contactPhoneIndex: phone?.index ?? null,
        contactPhoneMasked: phone?.masked ?? null,
        updatedBy: options.updatedBy,
      };
    }),
  );
  return rows.map((r) => r.id);
}

/** Writes checked facilities in the caller's transaction; answers their ids in the order given. */
export async function storeImportedFacilities(
  tx: Executor,
  options: Written & {
    facilities: {
      classCode: string;
      code: string;
      name: string;
      lon: number;
      lat: number;
      state: FacilityState;
      ownerUnit: string;
      gridCode: string;
      path: string;
    }[];
  },
): Promise<string[]> {
  const rows = await registryRepository.insertFacilities(
    tx,
    options.facilities.map((f) => ({ ...f, updatedBy: options.updatedBy })),
  );
  return rows.map((r) => r.id);
}
