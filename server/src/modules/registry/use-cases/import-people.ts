import { randomUUID } from 'node:crypto';
import type { HouseholdKind, HouseholdRelation, Person, ResidenceKind, Sex } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import type { Actor } from '../../../platform/http.js';
import { normalizeIdNumber } from '../domain/id-number.js';
import { nameInitials } from '../domain/name-initials.js';
import { presentPerson } from '../present-registry.js';
import { keepPreviousState } from '../record-history.js';
import { type PersonWithAddress, registryRepository } from '../registry.repository.js';
import { registryBulkRepository } from '../registry-bulk.repository.js';
import { idNumberIndexes, sealIdNumber, sealPhone } from '../registry-secrets.js';
import { changedBy } from './create-places.js';

/*
 * What the registry offers an import (modules/registry-import): where a written address's
 * dwelling is, who already holds an ID number, and writing checked households and people. The
 * import module checks its rows; the registry alone writes its tables.
 */

/** A person as an import file gives them, already checked. */
export interface ImportedPerson {
  name: string;
  idNumber: string | null;
  sex: Sex;
  birthDate: string;
  phone: string | null;
  relation: HouseholdRelation;
  residence: ResidenceKind;
  movedInOn: string | null;
}

/** The dwellings at written addresses (standard text, code or alias) in scope, by the text given. */
export async function dwellingsAtAddresses(
  db: Executor,
  options: { texts: string[]; scopePath: string },
): Promise<Map<string, { dwellingId: string; path: string }>> {
  const rows = await registryRepository.dwellingsAtAddresses(db, options.texts, options.scopePath);
  const out = new Map<string, { dwellingId: string; path: string }>();
  for (const row of rows) {
    for (const key of [row.text, row.code, row.alias]) {
      if (key) out.set(key, { dwellingId: row.dwellingId, path: row.path });
    }
  }
  return out;
}

/** Who is registered with these ID numbers (anywhere: one number, one person), by normalized number. */
export async function peopleByIdNumbers(
  db: Executor,
  options: { secretKey: Buffer; idNumbers: string[] },
): Promise<Map<string, PersonWithAddress>> {
  const numberOf = new Map<string, string>();
  for (const id of options.idNumbers) {
    for (const index of idNumberIndexes(options.secretKey, id)) numberOf.set(index, normalizeIdNumber(id));
  }
  const found = await registryRepository.peopleByIdIndexes(db, [...numberOf.keys()]);
  return new Map(found.map((p) => [numberOf.get(p.idNumberIndex ?? '') ?? '', p]));
}

const personColumns = (secretKey: Buffer, p: ImportedPerson) => {
  const phone = p.phone ? sealPhone(secretKey, p.phone) : null;
  return {
    name: p.name,
    nameInitials: nameInitials(p.name),
    relation: p.relation,
    sex: p.sex,
    birthDate: p.birthDate,
    residence: p.residence,
    movedInOn: p.movedInOn,
    ...(p.idNumber
      ? sealIdNumber(secretKey, p.idNumber)
      : { idNumberSealed: null, idNumberIndex: null, idNumberMasked: null }),
    phoneSealed: phone?.sealed ?? null,
    phoneIndex: phone?.index ?? null,
    phoneMasked: phone?.masked ?? null,
  };
};

/**
 * Writes checked households with their members in the caller's transaction: a new household
 * where `householdId` is null (registered if its head is, else actual), or members added to the
 * one given. The unique indexes (one head, one person per ID number) still guard every row.
 * Answers each group's household and its members' ids, in the order given.
 */
export async function storeImportedHouseholds(
  tx: Executor,
  options: {
    secretKey: Buffer;
    /** The user the rows are written by (null for an API key). */
    updatedBy: string | null;
    groups: { householdId: string | null; dwellingId: string; path: string; members: ImportedPerson[] }[];
  },
): Promise<{ householdId: string; personIds: string[] }[]> {
  const { secretKey, updatedBy, groups } = options;
  const kindOf = (g: (typeof groups)[number]): HouseholdKind =>
    g.members.find((m) => m.relation === 'head')?.residence === 'registered' ? 'registered' : 'actual';
  // Ids made here, rows written set-based (one statement per table): nothing has to come back.
  const householdIds = groups.map((g) => g.householdId ?? randomUUID());
  await registryBulkRepository.insertHouseholds(
    tx,
    groups.flatMap((g, i) =>
      g.householdId === null
        ? [{ id: householdIds[i] ?? '', kind: kindOf(g), dwellingId: g.dwellingId, path: g.path, updatedBy }]
        : [],
    ),
  );
  const stored = groups.map((g, i) => ({
    householdId: householdIds[i] ?? '',
    personIds: g.members.map(() => randomUUID()),
  }));
  await registryBulkRepository.insertPeople(
    tx,
    groups.flatMap((g, i) =>
      g.members.map((m, j) => ({
        ...personColumns(secretKey, m),
        id: stored[i]?.personIds[j] ?? '',
        householdId: householdIds[i] ?? '',
        path: g.path,
        updatedBy,
      })),
    ),
  );
  return stored;
}

/**
 * Takes an import's fields into a registered person (a merge review's "take incoming"): name,
 * sex, birth date, phone and residence kind; the state it ends goes to history. Null when the
 * person changed meanwhile or is outside the scope.
 */
export async function takeIncomingPerson(
  tx: Executor,
  options: { secretKey: Buffer; actor: Actor; personId: string; incoming: ImportedPerson; now: Date },
): Promise<Person | null> {
  const { secretKey, actor, incoming, now } = options;
  const before = await registryRepository.personInScope(tx, options.personId, actor.scopePath);
  if (!before) return null;
  const phone = incoming.phone ? sealPhone(secretKey, incoming.phone) : null;
  const after = await registryRepository.updatePerson(tx, before.id, before.version, {
    name: incoming.name,
    nameInitials: nameInitials(incoming.name),
    sex: incoming.sex,
    birthDate: incoming.birthDate,
    residence: incoming.residence,
    ...(phone ? { phoneSealed: phone.sealed, phoneIndex: phone.index, phoneMasked: phone.masked } : {}),
    updatedBy: changedBy(actor),
    updatedAt: now,
  });
  if (!after) return null;
  await keepPreviousState(tx, 'person', before, { endedBy: changedBy(actor), now });
  return presentPerson(after, '');
}

/** A registered person in scope with their address (masked), or null. */
export async function personWithAddress(
  db: Executor,
  options: { personId: string; scopePath: string },
): Promise<PersonWithAddress | null> {
  const [row] = await registryRepository.peopleWithAddress(db, {
    scopePath: options.scopePath,
    ids: [options.personId],
    limit: 1,
    offset: 0,
  });
  return row ?? null;
}

/** People in scope as most readers see them (masked), for a list export; at most `limit`. */
export async function peopleForExport(db: Executor, options: { scopePath: string; limit: number }): Promise<Person[]> {
  const rows = await registryRepository.peopleWithAddress(db, {
    scopePath: options.scopePath,
    limit: options.limit,
    offset: 0,
  });
  return rows.map((r) => presentPerson(r, r.address));
}

/** How many current heads (not moved out) each household has, for the one-head check of members added by import. */
export async function currentHeadCounts(db: Executor, householdIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(householdIds.map((id) => [id, 0]));
  for (const p of await registryRepository.peopleOfHouseholds(db, householdIds)) {
    if (p.relation === 'head' && p.movedOutOn === null) counts.set(p.householdId, (counts.get(p.householdId) ?? 0) + 1);
  }
  return counts;
}
