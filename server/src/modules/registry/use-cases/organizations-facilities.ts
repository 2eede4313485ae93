import type {
  CreateFacilityBody,
  CreateOrganizationBody,
  Facility,
  Organization,
  UpdateFacilityBody,
} from '@yiwang/contracts';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isPathWithin } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { nameInitials } from '../domain/name-initials.js';
import { presentFacility, presentOrganization } from '../present-registry.js';
import { keepPreviousState } from '../record-history.js';
import { registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { sealPhone } from '../registry-secrets.js';
import { changedBy } from './create-places.js';

/**
 * Registers an organization at a standard address in scope. Its grid is the grid of the
 * building at that address, else of the address's point.
 */
export async function createOrganization(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateOrganizationBody },
): Promise<Organization> {
  const { actor, body } = options;
  const address = await registryRepository.addressInScope(deps.db, body.addressId, actor.scopePath);
  if (!address) throw new DomainError('not-found');
  if (address.lon === null || address.lat === null) throw new DomainError('registry-address-without-point');
  const { grid } = await deps.locator.gridAt([address.lon, address.lat]);
  if (!isPathWithin(grid.path, actor.scopePath)) throw new DomainError('registry-point-elsewhere', { grid: grid.name });
  const phone = body.contactPhone ? sealPhone(deps.secretKey, body.contactPhone) : null;
  return deps.db.transaction(async (tx) => {
    const [row] = await registryRepository.insertOrganizations(tx, [
      {
        kind: body.kind,
        name: body.name.trim(),
        nameInitials: nameInitials(body.name),
        addressId: address.id,
        licenceNumber: body.licenceNumber ?? null,
        contactName: body.contactName ?? null,
        contactPhoneSealed: phone?.sealed ?? null,
        contactPhoneIndex: phone?.index ?? null,
        contactPhoneMasked: phone?.masked ?? null,
        gridCode: grid.code,
        path: grid.path,
        updatedBy: changedBy(actor),
      },
    ]);
    if (!row) throw new Error('organization not inserted');
    await recordAudit(tx, options.context, {
      action: 'registry.create',
      objectType: 'registry-organization',
      objectId: row.id,
      scopePath: row.path,
      details: { kind: row.kind, name: row.name },
    });
    return presentOrganization(row, address.text);
  });
}

/** Registers a facility (部件) at a point in scope; its grid is found from the point. */
export async function createFacility(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateFacilityBody },
): Promise<Facility> {
  const { actor, body } = options;
  const { grid } = await deps.locator.gridAt([body.lon, body.lat]);
  if (!isPathWithin(grid.path, actor.scopePath)) throw new DomainError('registry-point-elsewhere', { grid: grid.name });
  return deps.db.transaction(async (tx) => {
    const [row] = await registryRepository.insertFacilities(tx, [
      { ...body, gridCode: grid.code, path: grid.path, updatedBy: changedBy(actor) },
    ]);
    if (!row) throw new Error('facility not inserted');
    await recordAudit(tx, options.context, {
      action: 'registry.create',
      objectType: 'registry-facility',
      objectId: row.id,
      scopePath: row.path,
      details: { classCode: row.classCode },
    });
    return presentFacility(row);
  });
}

/** Changes a facility's state (damaged, missing…) or owner unit; the state it ends goes to history. */
export async function updateFacility(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string; body: UpdateFacilityBody; now: Date },
): Promise<Facility> {
  const { actor, body, now } = options;
  return deps.db.transaction(async (tx) => {
    const before = await registryRepository.facilityInScope(tx, options.id, actor.scopePath);
    if (!before) throw new DomainError('not-found');
    const after = await registryRepository.updateFacility(tx, before.id, before.version, {
      ...body,
      updatedBy: changedBy(actor),
      updatedAt: now,
    });
    if (!after) throw new DomainError('registry-record-changed');
    await keepPreviousState(tx, 'facility', before, { endedBy: changedBy(actor), now });
    await recordAudit(tx, options.context, {
      action: 'registry.update',
      objectType: 'registry-facility',
      objectId: after.id,
      scopePath: after.path,
      details: { version: after.version, changed: Object.keys(body) },
    });
    return presentFacility(after);
  });
}
