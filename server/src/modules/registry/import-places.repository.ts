import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  registryAddressAliases,
  registryAddresses,
  registryBuildings,
  registryDwellings,
  registryFacilities,
  registryOrganizations,
} from './registry.tables.js';

/** The lookups a place import needs (modules/registry-import): addresses with what already stands there. */
export const importPlacesRepository = {
  /** Standard addresses in scope written as one of `texts` (text, code or alias), with their building and dwelling. */
  async addressesAt(db: Executor, texts: string[], scopePath: string) {
    if (texts.length === 0) return [];
    return db
      .select({
        id: registryAddresses.id,
        path: registryAddresses.path,
        text: registryAddresses.text,
        code: registryAddresses.code,
        alias: registryAddressAliases.alias,
        regionCode: registryAddresses.regionCode,
        road: registryAddresses.road,
        number: registryAddresses.number,
        building: registryAddresses.building,
        unit: registryAddresses.unit,
        room: registryAddresses.room,
        lon: registryAddresses.lon,
        lat: registryAddresses.lat,
        buildingId: registryBuildings.id,
        buildingPath: registryBuildings.path,
        dwellingId: registryDwellings.id,
      })
      .from(registryAddresses)
      .leftJoin(
        registryAddressAliases,
        and(eq(registryAddressAliases.addressId, registryAddresses.id), inArray(registryAddressAliases.alias, texts)),
      )
      .leftJoin(registryBuildings, eq(registryBuildings.addressId, registryAddresses.id))
      .leftJoin(registryDwellings, eq(registryDwellings.addressId, registryAddresses.id))
      .where(
        and(
          withinScope(registryAddresses.path, scopePath),
          or(
            inArray(registryAddresses.text, texts),
            inArray(registryAddresses.code, texts),
            inArray(registryAddressAliases.alias, texts),
          ),
        ),
      );
  },
  /** Organizations holding one of these licence numbers, anywhere (a licence number names one organization). */
  async organizationLicences(db: Executor, licenceNumbers: string[]): Promise<Set<string>> {
    if (licenceNumbers.length === 0) return new Set();
    const rows = await db
      .select({ licenceNumber: registryOrganizations.licenceNumber })
      .from(registryOrganizations)
      .where(inArray(registryOrganizations.licenceNumber, licenceNumbers));
    return new Set(rows.flatMap((r) => (r.licenceNumber ? [r.licenceNumber] : [])));
  },
  /** Facilities holding one of these codes, anywhere (a 部件编码 names one facility). */
  async facilityCodes(db: Executor, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db
      .select({ code: registryFacilities.code })
      .from(registryFacilities)
      .where(inArray(registryFacilities.code, codes));
    return new Set(rows.flatMap((r) => (r.code ? [r.code] : [])));
  },
  /** The names of the organizations at these addresses, as `${addressId}|${name}`. */
  async organizationNamesAt(db: Executor, addressIds: string[]): Promise<Set<string>> {
    if (addressIds.length === 0) return new Set();
    const rows = await db
      .select({ addressId: registryOrganizations.addressId, name: registryOrganizations.name })
      .from(registryOrganizations)
      .where(inArray(registryOrganizations.addressId, addressIds));
    return new Set(rows.map((r) => `${r.addressId}|${r.name}`));
  },
};
