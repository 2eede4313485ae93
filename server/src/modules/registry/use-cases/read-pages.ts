import type {
  BuildingPage,
  HistoryEntry,
  Household,
  PersonPage,
  PersonTag,
  RegistryRecordKind,
} from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { presentBuilding, presentDwelling, presentHistory, presentPerson, presentVisit } from '../present-registry.js';
import { type HouseholdRow, registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { registryVisitsRepository } from '../registry-visits.repository.js';

/** The tags this reader is granted (by any of their roles or by their unit). */
export const tagsGrantedTo = (db: Executor, actor: Actor): Promise<Set<PersonTag>> =>
  registryRepository.grantedTags(db, actor.roles, actor.unitId);

async function householdsWithMembers(db: Executor, households: HouseholdRow[], addressOf: (h: HouseholdRow) => string) {
  const people = await registryRepository.peopleOfHouseholds(
    db,
    households.map((h) => h.id),
  );
  return households.map(
    (h): Household => ({
      id: h.id,
      kind: h.kind,
      dwellingId: h.dwellingId,
      address: addressOf(h),
      members: people.filter((p) => p.householdId === h.id).map((p) => presentPerson(p, addressOf(h))),
      version: h.version,
    }),
  );
}

/**
 * A building page: its dwellings, their households and people (masked, without tags). Out of
 * scope: 404.
 */
export async function getBuildingPage(
  deps: RegistryDeps,
  options: { actor: Actor; id: string },
): Promise<BuildingPage> {
  const building = await registryRepository.buildingInScope(deps.db, options.id, options.actor.scopePath);
  if (!building) throw new DomainError('not-found');
  const dwellings = await registryRepository.dwellingsOfBuilding(deps.db, building.id);
  const addresses = await registryRepository.addressesByIds(deps.db, [
    building.addressId,
    ...dwellings.map((d) => d.addressId),
  ]);
  const textOf = (id: string) => addresses.get(id)?.text ?? '';
  const households = await registryRepository.householdsOfDwellings(
    deps.db,
    dwellings.map((d) => d.id),
  );
  const dwellingOf = new Map(dwellings.map((d) => [d.id, d]));
  const full = await householdsWithMembers(deps.db, households, (h) =>
    textOf(dwellingOf.get(h.dwellingId)?.addressId ?? ''),
  );
  return {
    building: presentBuilding(building, textOf(building.addressId)),
    dwellings: [...dwellings]
      .sort((a, b) => (addresses.get(a.addressId)?.code ?? '').localeCompare(addresses.get(b.addressId)?.code ?? ''))
      .map((d) => ({
        dwelling: presentDwelling(d, textOf(d.addressId)),
        households: full.filter((h) => h.dwellingId === d.id),
      })),
  };
}

/**
 * A person page: the person (masked; the tags the reader is granted, absent when none is), their
 * household with its members, the dwelling, the building and the person's history. The view is
 * audited, and so is every special-population or care-group tag it shows.
 */
export async function getPersonPage(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; id: string },
): Promise<PersonPage> {
  const { actor, context } = options;
  const person = await registryRepository.personInScope(deps.db, options.id, actor.scopePath);
  if (!person) throw new DomainError('not-found');
  const household = await registryRepository.householdInScope(deps.db, person.householdId, actor.scopePath);
  const dwelling =
    household && (await registryRepository.dwellingInScope(deps.db, household.dwellingId, actor.scopePath));
  const building =
    dwelling && (await registryRepository.buildingInScope(deps.db, dwelling.buildingId, actor.scopePath));
  if (!household || !dwelling || !building) throw new DomainError('not-found');
  const addresses = await registryRepository.addressesByIds(deps.db, [dwelling.addressId, building.addressId]);
  const address = addresses.get(dwelling.addressId)?.text ?? '';
  const granted = await tagsGrantedTo(deps.db, actor);
  const tags = (await registryRepository.tagsOfPeople(deps.db, [person.id])).get(person.id) ?? [];
  const visible = tags.filter((t) => granted.has(t));
  const [full] = await householdsWithMembers(deps.db, [household], () => address);
  const history = await registryRepository.historyOf(deps.db, 'person', person.id, actor.scopePath);
  const visits = await registryVisitsRepository.visitsOfHousehold(deps.db, household.id);
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, context, {
      action: 'registry.person.view',
      objectType: 'registry-person',
      objectId: person.id,
      scopePath: person.path,
    });
    if (visible.length > 0) {
      await recordAudit(tx, context, {
        action: 'registry.tag.view',
        objectType: 'registry-person',
        objectId: person.id,
        scopePath: person.path,
        details: { tags: visible },
      });
    }
  });
  return {
    person: presentPerson(person, address, granted.size > 0 ? visible : undefined),
    household: full as Household,
    dwelling: presentDwelling(dwelling, address),
    building: presentBuilding(building, addresses.get(building.addressId)?.text ?? ''),
    history: history.map(presentHistory),
    visits: visits.map(presentVisit),
  };
}

/** The past states of a record in scope, newest first. */
export async function getHistory(
  deps: RegistryDeps,
  options: { actor: Actor; kind: RegistryRecordKind; id: string },
): Promise<HistoryEntry[]> {
  if (!(await registryRepository.recordInScope(deps.db, options.kind, options.id, options.actor.scopePath))) {
    throw new DomainError('not-found');
  }
  return (await registryRepository.historyOf(deps.db, options.kind, options.id, options.actor.scopePath)).map(
    presentHistory,
  );
}
