import type {
  Address,
  Building,
  CreateAddressBody,
  CreateBuildingBody,
  CreateDwellingBody,
  Dwelling,
  UpdateDwellingBody,
} from '@yiwang/contracts';
import { databaseErrorOf } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { normalizeAddressText, standardAddressCode } from '../domain/address-code.js';
import { presentAddress, presentBuilding, presentDwelling } from '../present-registry.js';
import { keepPreviousState } from '../record-history.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';

export const changedBy = (actor: Actor): string | null => (actor.kind === 'user' ? actor.id : null);

/** The written form of a standard address (the community's name is the region's). */
export function addressText(
  communityName: string,
  parts: Omit<CreateAddressBody, 'regionCode' | 'roadCode' | 'aliases'>,
) {
  return [
    communityName,
    parts.road,
    `${parts.number}号`,
    parts.building ? `${parts.building}幢` : '',
    parts.unit ? `${parts.unit}单元` : '',
    parts.room ? `${parts.room}室` : '',
  ].join('');
}

/** Registers a standard address of a community in scope, with the other ways it is written. */
export async function createAddress(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateAddressBody },
): Promise<Address> {
  const { actor, context, body } = options;
  const region = await regionsLookups.findInScope(deps.db, body.regionCode, actor.scopePath);
  if (region?.level !== 'community') throw new DomainError('not-found');
  const code = standardAddressCode({
    regionCode: body.regionCode,
    roadCode: body.roadCode,
    number: body.number,
    building: body.building ?? 0,
    unit: body.unit ?? 0,
    room: body.room ?? 0,
  });
  const aliases = [...new Map((body.aliases ?? []).map((a) => [normalizeAddressText(a.alias), a])).entries()];
  return deps.db.transaction(async (tx) => {
    if (
      (
        await registryRepository.aliasesTaken(
          tx,
          aliases.map(([alias]) => alias),
        )
      ).length > 0
    ) {
      throw new DomainError('address-alias-taken');
    }
    const row = await registryRepository.insertAddress(tx, {
      code,
      regionCode: region.code,
      path: region.path,
      road: body.road,
      number: String(body.number),
      building: body.building ? String(body.building) : null,
      unit: body.unit ? String(body.unit) : null,
      room: body.room ? String(body.room) : null,
      text: addressText(region.name.replace(/(居委会|村委会)$/, ''), body),
      lon: body.lon ?? null,
      lat: body.lat ?? null,
      updatedBy: changedBy(actor),
    });
    if (!row) throw new DomainError('address-exists');
    const aliasRows = aliases.map(([alias, a]) => ({ addressId: row.id, alias, kind: a.kind }));
    await registryRepository.insertAliases(tx, aliasRows);
    await recordAudit(tx, context, {
      action: 'registry.create',
      objectType: 'registry-address',
      objectId: row.id,
      scopePath: row.path,
      details: { code },
    });
    return presentAddress(row, aliasRows);
  });
}

/** Registers a building at a standard address; its base grid is found from its point (房进格). */
export async function createBuilding(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateBuildingBody },
): Promise<Building> {
  const { actor, context, body } = options;
  const address = await registryRepository.addressInScope(deps.db, body.addressId, actor.scopePath);
  if (!address) throw new DomainError('not-found');
  const { grid } = await deps.locator.gridAt([body.lon, body.lat]);
  // The point must lie in the address's community, and in the caller's scope.
  if (!isPathWithin(grid.path, address.path) || !isPathWithin(grid.path, actor.scopePath)) {
    throw new DomainError('registry-point-elsewhere', { grid: grid.name });
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await registryRepository
      .insertBuildings(tx, [
        {
          addressId: address.id,
          name: body.name,
          lon: body.lon,
          lat: body.lat,
          floors: body.floors,
          use: body.use,
          gridCode: grid.code,
          path: grid.path,
          updatedBy: changedBy(actor),
        },
      ])
      .catch((error: unknown) => {
        throw uniqueViolation(error) !== null ? new DomainError('address-in-use') : error;
      });
    if (!row) throw new Error('building not inserted');
    await recordAudit(tx, context, {
      action: 'registry.create',
      objectType: 'registry-building',
      objectId: row.id,
      scopePath: row.path,
      details: { address: address.code, grid: grid.code },
    });
    return presentBuilding(row, address.text);
  });
}

/**
 * The unique index that refused a row (PostgreSQL 23505, as PGlite and pg report it, directly or
 * as Drizzle's cause), or null for any other error.
 */
export function uniqueViolation(error: unknown): string | null {
  const answer = databaseErrorOf(error);
  return answer?.code === '23505' ? (answer.constraint ?? 'unique') : null;
}

/** Registers a dwelling (flat, room, shop) of a building in scope, at its own standard address. */
export async function createDwelling(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateDwellingBody },
): Promise<Dwelling> {
  const { actor, context, body } = options;
  const building = await registryRepository.buildingInScope(deps.db, body.buildingId, actor.scopePath);
  const address = await registryRepository.addressInScope(deps.db, body.addressId, actor.scopePath);
  if (!building || !address) throw new DomainError('not-found');
  return deps.db.transaction(async (tx) => {
    const [row] = await registryRepository
      .insertDwellings(tx, [
        {
          buildingId: building.id,
          addressId: address.id,
          use: body.use,
          areaM2: body.areaM2,
          rooms: body.rooms,
          path: building.path,
          updatedBy: changedBy(actor),
        },
      ])
      .catch((error: unknown) => {
        throw uniqueViolation(error) !== null ? new DomainError('address-in-use') : error;
      });
    if (!row) throw new Error('dwelling not inserted');
    await recordAudit(tx, context, {
      action: 'registry.create',
      objectType: 'registry-dwelling',
      objectId: row.id,
      scopePath: row.path,
      details: { address: address.code, use: row.use },
    });
    return presentDwelling(row, address.text);
  });
}

/** Changes a dwelling's use, area or rooms; the state it ends goes to history. */
export async function updateDwelling(
  deps: RegistryDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    id: string;
    body: UpdateDwellingBody;
    now: Date;
    /** The household visit that brought the change (kept with the history row). */
    visitId?: string;
  },
): Promise<Dwelling> {
  const { actor, context, body, now } = options;
  return deps.db.transaction(async (tx) => {
    const before = await registryRepository.dwellingInScope(tx, options.id, actor.scopePath);
    if (!before) throw new DomainError('not-found');
    const after = await registryRepository.updateDwelling(tx, before.id, before.version, {
      ...body,
      updatedBy: changedBy(actor),
      updatedAt: now,
    });
    if (!after) throw new DomainError('registry-record-changed');
    await keepPreviousState(tx, 'dwelling', before, { endedBy: changedBy(actor), now, visitId: options.visitId });
    const address = (await registryRepository.addressesByIds(tx, [after.addressId])).get(after.addressId);
    await recordAudit(tx, context, {
      action: 'registry.update',
      objectType: 'registry-dwelling',
      objectId: after.id,
      scopePath: after.path,
      details: { version: after.version, changed: Object.keys(body) },
    });
    return presentDwelling(after, address?.text ?? '');
  });
}
