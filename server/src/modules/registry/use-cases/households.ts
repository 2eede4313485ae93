import type { CreateHouseholdBody, Household, Person, PersonInput, UpdatePersonBody } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { DomainError, type FieldProblem } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { headProblem } from '../domain/household-members.js';
import { idNumberFacts, idNumberProblem } from '../domain/id-number.js';
import { nameInitials } from '../domain/name-initials.js';
import { presentPerson } from '../present-registry.js';
import { keepPreviousState } from '../record-history.js';
import { type HouseholdRow, type PersonRow, registryRepository } from '../registry.repository.js';
import type { RegistryDeps } from '../registry-deps.js';
import { idNumberIndexes, sealIdNumber, sealPhone } from '../registry-secrets.js';
import { changedBy, uniqueViolation } from './create-places.js';

/** Checks a new member and gives the row's personal columns (sealed ID number and phone). */
function personColumns(secretKey: Buffer, input: PersonInput, field: string) {
  const problems: FieldProblem[] = [];
  let facts: { birthDate: string; sex: 'male' | 'female' } | null = null;
  if (input.idNumber !== undefined) {
    const problem = idNumberProblem(input.idNumber);
    if (problem) problems.push({ field: `${field}.idNumber`, code: `id-number-${problem}` });
    else facts = idNumberFacts(input.idNumber);
  }
  const sex = input.sex ?? facts?.sex;
  const birthDate = input.birthDate ?? facts?.birthDate;
  // Without a (valid) ID number, sex and birth date must be given; a bad number is the one problem named.
  if (problems.length === 0) {
    if (!sex) problems.push({ field: `${field}.sex`, code: 'required' });
    if (!birthDate) problems.push({ field: `${field}.birthDate`, code: 'required' });
  }
  if (facts && input.birthDate && input.birthDate !== facts.birthDate) {
    problems.push({ field: `${field}.birthDate`, code: 'id-number-mismatch' });
  }
  if (problems.length > 0 || !sex || !birthDate) return { problems, columns: null };
  const phone = input.phone ? sealPhone(secretKey, input.phone) : null;
  return {
    problems,
    columns: {
      name: input.name.trim(),
      nameInitials: nameInitials(input.name),
      relation: input.relation,
      sex,
      birthDate,
      residence: input.residence,
      movedInOn: input.movedInOn ?? null,
      ...(input.idNumber ? sealIdNumber(secretKey, input.idNumber) : {}),
      phoneSealed: phone?.sealed ?? null,
      phoneIndex: phone?.index ?? null,
      phoneMasked: phone?.masked ?? null,
    },
  };
}

/**
 * Adds people to a household in one go: every member is checked first (ID number by its GB 11643
 * check digit, a number already someone's is a clash, never a merge), then all are written or none.
 */
export async function insertMembers(
  tx: Executor,
  deps: RegistryDeps,
  household: HouseholdRow,
  members: PersonInput[],
  options: { actor: Actor; firstField: number },
): Promise<PersonRow[]> {
  const checked = members.map((m, i) => personColumns(deps.secretKey, m, `members.${options.firstField + i}`));
  const problems = checked.flatMap((c) => c.problems);
  if (problems.length > 0) throw new DomainError('validation', {}, problems);
  const ids = members.flatMap((m) => (m.idNumber ? idNumberIndexes(deps.secretKey, m.idNumber) : []));
  if ((await registryRepository.takenIdIndexes(tx, ids)).size > 0 || new Set(ids).size < ids.length) {
    throw new DomainError('person-id-number-exists');
  }
  return registryRepository
    .insertPeople(
      tx,
      checked.map((c) => ({
        ...(c.columns as NonNullable<typeof c.columns>),
        householdId: household.id,
        path: household.path,
        updatedBy: changedBy(options.actor),
      })),
    )
    .catch((error: unknown) => {
      // Two requests at once can pass the checks above together; the indexes decide.
      throw rejection(error) ?? error;
    });
}

/** What a unique index's refusal means here: a second head, or an ID number someone already has. */
function rejection(error: unknown): DomainError | null {
  const constraint = uniqueViolation(error);
  if (constraint === null) return null;
  return constraint === 'registry_people_id_number_key'
    ? new DomainError('person-id-number-exists')
    : new DomainError('household-head', { problem: 'two-heads' });
}

export function assertOneHead(members: { relation: PersonInput['relation']; movedOut: boolean }[]) {
  const problem = headProblem(members);
  if (problem) throw new DomainError('household-head', { problem });
}

/** Registers a household in a dwelling with its members, exactly one of them the head (人进户、户进房). */
export async function createHousehold(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; body: CreateHouseholdBody },
): Promise<Household> {
  const { actor, context, body } = options;
  const dwelling = await registryRepository.dwellingInScope(deps.db, body.dwellingId, actor.scopePath);
  if (!dwelling) throw new DomainError('not-found');
  assertOneHead(body.members.map((m) => ({ relation: m.relation, movedOut: false })));
  return deps.db.transaction(async (tx) => {
    const [household] = await registryRepository.insertHouseholds(tx, [
      { kind: body.kind, dwellingId: dwelling.id, path: dwelling.path, updatedBy: changedBy(actor) },
    ]);
    if (!household) throw new Error('household not inserted');
    const people = await insertMembers(tx, deps, household, body.members, { actor, firstField: 0 });
    const address = (await registryRepository.addressesByIds(tx, [dwelling.addressId])).get(dwelling.addressId);
    await recordAudit(tx, context, {
      action: 'registry.create',
      objectType: 'registry-household',
      objectId: household.id,
      scopePath: household.path,
      details: { dwelling: dwelling.id, members: people.length },
    });
    return {
      id: household.id,
      kind: household.kind,
      dwellingId: dwelling.id,
      address: address?.text ?? '',
      members: people.map((p) => presentPerson(p, address?.text ?? '')),
      version: household.version,
    };
  });
}

/** Adds a member to a household in scope (a newborn, someone moving in); never a second head. */
export async function addMember(
  deps: RegistryDeps,
  options: { actor: Actor; context: AuditContext; householdId: string; body: PersonInput },
): Promise<Person> {
  const { actor, context, body } = options;
  return deps.db.transaction(async (tx) => {
    const household = await registryRepository.householdInScope(tx, options.householdId, actor.scopePath);
    if (!household) throw new DomainError('not-found');
    const members = await registryRepository.lockMembers(tx, household.id);
    assertOneHead([
      ...members.map((m) => ({ relation: m.relation, movedOut: m.movedOutOn !== null })),
      { relation: body.relation, movedOut: false },
    ]);
    const [person] = await insertMembers(tx, deps, household, [body], { actor, firstField: 0 });
    if (!person) throw new Error('person not inserted');
    await recordAudit(tx, context, {
      action: 'registry.create',
      objectType: 'registry-person',
      objectId: person.id,
      scopePath: person.path,
      details: { household: household.id, relation: person.relation },
    });
    return presentPerson(person, '');
  });
}

/**
 * Changes a person (name, phone, residence, relation, moving out); the household still has
 * exactly one head afterwards, and the state the change ends goes to history.
 */
export async function updatePerson(
  deps: RegistryDeps,
  options: {
    actor: Actor;
    context: AuditContext;
    id: string;
    body: UpdatePersonBody;
    now: Date;
    /** The household visit that brought the change (kept with the history row). */
    visitId?: string;
  },
): Promise<Person> {
  const { actor, context, body, now } = options;
  return deps.db.transaction(async (tx) => {
    const found = await registryRepository.personInScope(tx, options.id, actor.scopePath);
    if (!found) throw new DomainError('not-found');
    const members = await registryRepository.lockMembers(tx, found.householdId);
    const before = members.find((m) => m.id === found.id) ?? found;
    const relation = body.relation ?? before.relation;
    const movedOutOn = body.movedOutOn === undefined ? before.movedOutOn : body.movedOutOn;
    const others = members.filter((m) => m.id !== before.id);
    // A household whose last member moves out keeps no head to check. A demo person's new phone
    // is sealed under the row's own key, so one row never mixes keys.
    const remaining = [
      ...others.map((m) => ({ relation: m.relation, movedOut: m.movedOutOn !== null })),
      { relation, movedOut: movedOutOn !== null },
    ];
    if (remaining.some((m) => !m.movedOut)) assertOneHead(remaining);
    const phone =
      body.phone === undefined ? undefined : body.phone === null ? null : sealPhone(deps.secretKey, body.phone);
    const after = await registryRepository
      .updatePerson(tx, before.id, before.version, {
        ...(body.name ? { name: body.name.trim(), nameInitials: nameInitials(body.name) } : {}),
        ...(body.residence ? { residence: body.residence } : {}),
        relation,
        movedOutOn,
        ...(phone === undefined
          ? {}
          : phone === null
            ? { phoneSealed: null, phoneIndex: null, phoneMasked: null }
            : { phoneSealed: phone.sealed, phoneIndex: phone.index, phoneMasked: phone.masked }),
        updatedBy: changedBy(actor),
        updatedAt: now,
      })
      .catch((error: unknown) => {
        throw rejection(error) ?? error;
      });
    if (!after) throw new DomainError('registry-record-changed');
    await keepPreviousState(tx, 'person', before, { endedBy: changedBy(actor), now, visitId: options.visitId });
    await recordAudit(tx, context, {
      action: 'registry.update',
      objectType: 'registry-person',
      objectId: after.id,
      scopePath: after.path,
      details: { version: after.version, changed: Object.keys(body) },
    });
    return presentPerson(after, '');
  });
}
