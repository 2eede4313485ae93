import type { FacilityState, PersonTag, RegistryMapLayerName, RegistryRecordKind, Role } from '@yiwang/contracts';
import { type AnyColumn, and, asc, desc, eq, gte, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  registryAddressAliases,
  registryAddresses,
  registryBuildings,
  registryDwellings,
  registryFacilities,
  registryHistory,
  registryHouseholds,
  registryOrganizations,
  registryPeople,
  registryPersonTags,
  registrySharingGrants,
  registryTagGrants,
} from './registry.tables.js';

export type AddressRow = typeof registryAddresses.$inferSelect;
export type BuildingRow = typeof registryBuildings.$inferSelect;
export type DwellingRow = typeof registryDwellings.$inferSelect;
export type HouseholdRow = typeof registryHouseholds.$inferSelect;
export type PersonRow = typeof registryPeople.$inferSelect;
export type OrganizationRow = typeof registryOrganizations.$inferSelect;
export type FacilityRow = typeof registryFacilities.$inferSelect;
export type HistoryRow = typeof registryHistory.$inferSelect;
export type TagGrantRow = typeof registryTagGrants.$inferSelect;
export type SharingGrantRow = typeof registrySharingGrants.$inferSelect;
/** A person with the written address of their dwelling. */
export type PersonWithAddress = PersonRow & { address: string };

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
/**
 * A search's order: by the column's value, but not through its B-tree. Ordered by the column, the
 * planner walks that index and filters, reading the whole table when the match is rare (a LIMIT
 * trap measured at 50 000 people); ordered by an expression, the trigram index finds the matches first.
 */
const searchOrder = (column: AnyColumn) => asc(sql`${column} || ''`);
/**
 * At most this many matches are sorted for a page; more, and the page walks the order's B-tree and
 * filters instead (dense matches come every few rows: `文定路`, `1单元`, a character common in given
 * names). Sorting 90 000 matches took 0.5 s at county scale; both ways give the same page.
 */
const FEW_MATCHES = 1000;

/** The ids the queries find (each limited to FEW_MATCHES + 1), or null when they are more than FEW_MATCHES. */
async function fewMatches(queries: Promise<{ id: string }[]>[]): Promise<string[] | null> {
  const ids = new Set<string>();
  for (const rows of await Promise.all(queries)) for (const r of rows) ids.add(r.id);
  return ids.size > FEW_MATCHES ? null : [...ids];
}
/**
 * A person's name contains the fragment (case-insensitive). Fragments of one or two characters
 * (a surname, a two-character given name) go through the name's characters and character pairs
 * (GIN index on registry_name_grams, migration 0031), longer ones through trigrams; the ILIKE
 * stays as the exact test, so the results are the same either way.
 */
function nameContains(q: string): SQL {
  const contains = ilike(registryPeople.name, `%${escapeLike(q)}%`);
  const length = [...q].length;
  if (length < 1 || length > 2) return contains;
  // ILIKE first: where a row is re-tested (an OR with the initials), it is the cheap test that runs.
  return sql`(${contains} AND registry_name_grams(${registryPeople.name}) @> ARRAY[lower(${q})]::text[])`;
}
/** The name as the search orders it: by code point, as `registry_people_name_order` keeps it. */
const nameInC = sql`(${registryPeople.name} COLLATE "C")`;

/** One Chinese character: no case, no initials, so a match is the character at some position. */
const ONE_HAN_CHARACTER = /^\p{Script=Han}$/u;

/**
 * The first `limit` people in scope (by name, code point order, then id) with the character `c`
 * anywhere but first. A given-name character matches ~2–4 % of a county (42 000 of 1.13 M): found
 * through the grams, all were fetched and sorted (0.3 s). Here each position is its own part, read
 * in name order from an index on (that position's character, name, id) and stopped at `limit`:
 * the 2nd character, the 3rd (where the 2nd is not `c`), and, for the rare longer names, the
 * grams of the tail from the 4th (few, sorted; `|| ''` keeps the planner off the name order).
 * The parts are disjoint, so the merge needs no DISTINCT. Each part is limited on its own: a UNION
 * ALL under one ORDER BY … LIMIT was planned as a sort of every match (PostgreSQL 15).
 */
async function idsWithCharacterAfterFirst(db: Executor, scope: SQL, c: string, limit: number): Promise<string[]> {
  const at = (position: number) => sql`substr(${registryPeople.name}, ${sql.raw(String(position))}, 1)`;
  const part = (match: SQL, order: SQL) =>
    sql`(SELECT ${registryPeople.id} AS id, ${nameInC} AS n FROM ${registryPeople}
      WHERE ${scope} AND ${at(1)} <> ${c} AND ${match} ORDER BY ${order}, ${registryPeople.id} LIMIT ${limit})`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT m.id FROM (
      ${part(sql`${at(2)} = ${c}`, nameInC)}
      UNION ALL ${part(sql`${at(3)} = ${c} AND ${at(2)} <> ${c}`, nameInC)}
      UNION ALL ${part(
        sql`char_length(${registryPeople.name}) > 3 AND registry_name_grams(substr(${registryPeople.name}, 4)) @> ARRAY[${c}]::text[]
          AND ${at(2)} <> ${c} AND ${at(3)} <> ${c}`,
        sql`${nameInC} || ''`,
      )}
    ) AS m ORDER BY m.n, m.id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

async function peopleWithAddress(
  db: Executor,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
): Promise<(PersonWithAddress & { buildingId: string })[]> {
  const rows = await db
    .select({ person: registryPeople, address: registryAddresses.text, buildingId: registryDwellings.buildingId })
    .from(registryPeople)
    .innerJoin(registryHouseholds, eq(registryHouseholds.id, registryPeople.householdId))
    .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
    .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows.map((r) => ({ ...r.person, address: r.address, buildingId: r.buildingId }));
}
/** Postgres takes at most 65 535 parameters per statement: demo and bench inserts go in slices. */
const SLICE = 500;

async function insertSliced<T>(rows: T[], insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += SLICE) await insert(rows.slice(i, i + SLICE));
}

const TABLE_OF = {
  address: registryAddresses,
  building: registryBuildings,
  dwelling: registryDwellings,
  household: registryHouseholds,
  person: registryPeople,
  organization: registryOrganizations,
  facility: registryFacilities,
} as const;

export const registryRepository = {
  // ── addresses ──
  async insertAddress(db: Executor, row: typeof registryAddresses.$inferInsert): Promise<AddressRow | undefined> {
    const [saved] = await db.insert(registryAddresses).values(row).onConflictDoNothing().returning();
    return saved;
  },
  async insertAddresses(db: Executor, rows: (typeof registryAddresses.$inferInsert)[]): Promise<void> {
    await insertSliced(rows, (slice) => db.insert(registryAddresses).values(slice));
  },
  async insertAliases(db: Executor, rows: (typeof registryAddressAliases.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(registryAddressAliases).values(rows);
  },
  async aliasesTaken(db: Executor, aliases: string[]): Promise<string[]> {
    if (aliases.length === 0) return [];
    const rows = await db
      .select({ alias: registryAddressAliases.alias })
      .from(registryAddressAliases)
      .where(inArray(registryAddressAliases.alias, aliases));
    return rows.map((r) => r.alias);
  },
  async aliasesOf(db: Executor, addressIds: string[]) {
    if (addressIds.length === 0) return [];
    return db
      .select()
      .from(registryAddressAliases)
      .where(inArray(registryAddressAliases.addressId, addressIds))
      .orderBy(asc(registryAddressAliases.alias));
  },
  async addressInScope(db: Executor, id: string, scopePath: string): Promise<AddressRow | undefined> {
    const [row] = await db
      .select()
      .from(registryAddresses)
      .where(and(eq(registryAddresses.id, id), withinScope(registryAddresses.path, scopePath)));
    return row;
  },
  async addressesByIds(db: Executor, ids: string[]): Promise<Map<string, AddressRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(registryAddresses).where(inArray(registryAddresses.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  },

  // ── buildings, dwellings, households ──
  async insertBuildings(db: Executor, rows: (typeof registryBuildings.$inferInsert)[]): Promise<BuildingRow[]> {
    const out: BuildingRow[] = [];
    await insertSliced(rows, async (slice) =>
      out.push(...(await db.insert(registryBuildings).values(slice).returning())),
    );
    return out;
  },
  async buildingInScope(db: Executor, id: string, scopePath: string): Promise<BuildingRow | undefined> {
    const [row] = await db
      .select()
      .from(registryBuildings)
      .where(and(eq(registryBuildings.id, id), withinScope(registryBuildings.path, scopePath)));
    return row;
  },
  async insertDwellings(db: Executor, rows: (typeof registryDwellings.$inferInsert)[]): Promise<DwellingRow[]> {
    const out: DwellingRow[] = [];
    await insertSliced(rows, async (slice) =>
      out.push(...(await db.insert(registryDwellings).values(slice).returning())),
    );
    return out;
  },
  async dwellingInScope(db: Executor, id: string, scopePath: string): Promise<DwellingRow | undefined> {
    const [row] = await db
      .select()
      .from(registryDwellings)
      .where(and(eq(registryDwellings.id, id), withinScope(registryDwellings.path, scopePath)));
    return row;
  },
  async dwellingsOfBuilding(db: Executor, buildingId: string): Promise<DwellingRow[]> {
    return db
      .select()
      .from(registryDwellings)
      .where(eq(registryDwellings.buildingId, buildingId))
      .orderBy(asc(registryDwellings.addressId));
  },
  async insertHouseholds(db: Executor, rows: (typeof registryHouseholds.$inferInsert)[]): Promise<HouseholdRow[]> {
    const out: HouseholdRow[] = [];
    await insertSliced(rows, async (slice) =>
      out.push(...(await db.insert(registryHouseholds).values(slice).returning())),
    );
    return out;
  },
  async householdInScope(db: Executor, id: string, scopePath: string): Promise<HouseholdRow | undefined> {
    const [row] = await db
      .select()
      .from(registryHouseholds)
      .where(and(eq(registryHouseholds.id, id), withinScope(registryHouseholds.path, scopePath)));
    return row;
  },
  async householdsOfDwellings(db: Executor, dwellingIds: string[]): Promise<HouseholdRow[]> {
    if (dwellingIds.length === 0) return [];
    return db
      .select()
      .from(registryHouseholds)
      .where(inArray(registryHouseholds.dwellingId, dwellingIds))
      .orderBy(asc(registryHouseholds.createdAt));
  },

  // ── people ──
  async insertPeople(db: Executor, rows: (typeof registryPeople.$inferInsert)[]): Promise<PersonRow[]> {
    const out: PersonRow[] = [];
    await insertSliced(rows, async (slice) => out.push(...(await db.insert(registryPeople).values(slice).returning())));
    return out;
  },
  async peopleOfHouseholds(db: Executor, householdIds: string[]): Promise<PersonRow[]> {
    if (householdIds.length === 0) return [];
    return db
      .select()
      .from(registryPeople)
      .where(inArray(registryPeople.householdId, householdIds))
      .orderBy(asc(registryPeople.birthDate));
  },
  async personInScope(db: Executor, id: string, scopePath: string): Promise<PersonRow | undefined> {
    const [row] = await db
      .select()
      .from(registryPeople)
      .where(and(eq(registryPeople.id, id), withinScope(registryPeople.path, scopePath)));
    return row;
  },
  /** Locks the household's members, so two changes of one household's head never pass each other. */
  async lockMembers(db: Executor, householdId: string): Promise<PersonRow[]> {
    return db.select().from(registryPeople).where(eq(registryPeople.householdId, householdId)).for('update');
  },
  async updatePerson(db: Executor, id: string, version: number, patch: Partial<typeof registryPeople.$inferInsert>) {
    const [row] = await db
      .update(registryPeople)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(registryPeople.id, id), eq(registryPeople.version, version)))
      .returning();
    return row;
  },
  async updateDwelling(
    db: Executor,
    id: string,
    version: number,
    patch: Partial<typeof registryDwellings.$inferInsert>,
  ) {
    const [row] = await db
      .update(registryDwellings)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(registryDwellings.id, id), eq(registryDwellings.version, version)))
      .returning();
    return row;
  },
  /** Which of these ID-number blind indexes are already someone's. */
  async takenIdIndexes(db: Executor, indexes: string[]): Promise<Set<string>> {
    if (indexes.length === 0) return new Set();
    const rows = await db
      .select({ index: registryPeople.idNumberIndex })
      .from(registryPeople)
      .where(inArray(registryPeople.idNumberIndex, indexes));
    return new Set(rows.map((r) => r.index ?? ''));
  },

  /** People by ID-number blind index, anywhere (deduplication looks past the caller's scope: one number, one person). */
  async peopleByIdIndexes(db: Executor, indexes: string[]): Promise<PersonWithAddress[]> {
    if (indexes.length === 0) return [];
    const rows = await db
      .select({ person: registryPeople, address: registryAddresses.text })
      .from(registryPeople)
      .innerJoin(registryHouseholds, eq(registryHouseholds.id, registryPeople.householdId))
      .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
      .where(inArray(registryPeople.idNumberIndex, indexes));
    return rows.map((r) => ({ ...r.person, address: r.address }));
  },
  /**
   * The dwellings at these written addresses (the standard text, the code or an alias), in scope:
   * what an import file's address column names. Addresses without a dwelling are not returned.
   */
  async dwellingsAtAddresses(db: Executor, texts: string[], scopePath: string) {
    if (texts.length === 0) return [];
    return db
      .select({
        dwellingId: registryDwellings.id,
        path: registryDwellings.path,
        text: registryAddresses.text,
        code: registryAddresses.code,
        alias: registryAddressAliases.alias,
      })
      .from(registryDwellings)
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
      .leftJoin(
        registryAddressAliases,
        and(eq(registryAddressAliases.addressId, registryAddresses.id), inArray(registryAddressAliases.alias, texts)),
      )
      .where(
        and(
          withinScope(registryDwellings.path, scopePath),
          or(
            inArray(registryAddresses.text, texts),
            inArray(registryAddresses.code, texts),
            inArray(registryAddressAliases.alias, texts),
          ),
        ),
      );
  },

  // ── tags ──
  async insertTags(db: Executor, rows: (typeof registryPersonTags.$inferInsert)[]): Promise<void> {
    await insertSliced(rows, (slice) => db.insert(registryPersonTags).values(slice).onConflictDoNothing());
  },
  async tagsOfPeople(db: Executor, personIds: string[]): Promise<Map<string, PersonTag[]>> {
    const map = new Map<string, PersonTag[]>();
    if (personIds.length === 0) return map;
    const rows = await db.select().from(registryPersonTags).where(inArray(registryPersonTags.personId, personIds));
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r.tag]);
    return map;
  },
  /** The tags granted to any of these roles or to this unit (grants not revoked). */
  async grantedTags(db: Executor, roles: readonly Role[], unitId: string | null): Promise<Set<PersonTag>> {
    const who: SQL[] = [];
    if (roles.length > 0) who.push(inArray(registryTagGrants.role, [...roles]));
    if (unitId) who.push(eq(registryTagGrants.unitId, unitId));
    if (who.length === 0) return new Set();
    const rows = await db
      .selectDistinct({ tag: registryTagGrants.tag })
      .from(registryTagGrants)
      .where(and(isNull(registryTagGrants.revokedAt), or(...who)));
    return new Set(rows.map((r) => r.tag));
  },
  async insertTagGrants(db: Executor, rows: (typeof registryTagGrants.$inferInsert)[]): Promise<TagGrantRow[]> {
    if (rows.length === 0) return [];
    return db.insert(registryTagGrants).values(rows).returning();
  },
  async listTagGrants(db: Executor): Promise<TagGrantRow[]> {
    return db
      .select()
      .from(registryTagGrants)
      .where(isNull(registryTagGrants.revokedAt))
      .orderBy(asc(registryTagGrants.tag), asc(registryTagGrants.createdAt));
  },
  async revokeTagGrant(db: Executor, id: string, at: Date): Promise<TagGrantRow | undefined> {
    const [row] = await db
      .update(registryTagGrants)
      .set({ revokedAt: at })
      .where(and(eq(registryTagGrants.id, id), isNull(registryTagGrants.revokedAt)))
      .returning();
    return row;
  },

  // ── sharing catalog ──
  async insertSharingGrant(db: Executor, row: typeof registrySharingGrants.$inferInsert): Promise<SharingGrantRow> {
    const [saved] = await db.insert(registrySharingGrants).values(row).returning();
    if (!saved) throw new Error('sharing grant not inserted');
    return saved;
  },
  async listSharingGrants(db: Executor, unitId: string | null): Promise<SharingGrantRow[]> {
    return db
      .select()
      .from(registrySharingGrants)
      .where(unitId ? eq(registrySharingGrants.unitId, unitId) : undefined)
      .orderBy(desc(registrySharingGrants.createdAt));
  },
  async revokeSharingGrant(db: Executor, id: string, at: Date): Promise<SharingGrantRow | undefined> {
    const [row] = await db
      .update(registrySharingGrants)
      .set({ revokedAt: at })
      .where(and(eq(registrySharingGrants.id, id), isNull(registrySharingGrants.revokedAt)))
      .returning();
    return row;
  },
  /** A grant of this unit in force on `day` (YYYY-MM-DD). */
  async sharingGrantInForce(db: Executor, id: string, unitId: string, day: string) {
    const [row] = await db
      .select()
      .from(registrySharingGrants)
      .where(
        and(
          eq(registrySharingGrants.id, id),
          eq(registrySharingGrants.unitId, unitId),
          isNull(registrySharingGrants.revokedAt),
          gte(registrySharingGrants.validUntil, day),
        ),
      );
    return row;
  },

  /** People (still living here) with their address, in scope, optionally only those with a tag. */
  async peopleWithAddress(
    db: Executor,
    filter: { scopePath: string; tag?: PersonTag | null; ids?: string[]; limit: number; offset: number },
  ): Promise<PersonWithAddress[]> {
    const conditions: SQL[] = [withinScope(registryPeople.path, filter.scopePath)];
    if (filter.tag) {
      conditions.push(
        sql`EXISTS (SELECT 1 FROM ${registryPersonTags} WHERE ${registryPersonTags.personId} = ${registryPeople.id} AND ${registryPersonTags.tag} = ${filter.tag})`,
      );
    }
    if (filter.ids) conditions.push(inArray(registryPeople.id, filter.ids.length > 0 ? filter.ids : ['']));
    const rows = await db
      .select({ person: registryPeople, address: registryAddresses.text })
      .from(registryPeople)
      .innerJoin(registryHouseholds, eq(registryHouseholds.id, registryPeople.householdId))
      .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
      .where(and(...conditions))
      .orderBy(asc(registryPeople.name), asc(registryPeople.id))
      .limit(filter.limit)
      .offset(filter.offset);
    return rows.map((r) => ({ ...r.person, address: r.address }));
  },

  /**
   * Records of a kind other than people, in scope, flattened to the catalog's field names
   * (`SHAREABLE_FIELDS`), for the sharing catalog's one field-access cut.
   */
  async sharedRecordsOf(
    db: Executor,
    kind: 'household' | 'dwelling' | 'building' | 'organization' | 'facility',
    page: { scopePath: string; limit: number; offset: number },
  ): Promise<Record<string, unknown>[]> {
    switch (kind) {
      case 'household':
        return db
          .select({
            id: registryHouseholds.id,
            kind: registryHouseholds.kind,
            address: registryAddresses.text,
            memberCount: sql<number>`(SELECT count(*)::int FROM registry_people p WHERE p.household_id = ${registryHouseholds.id} AND p.moved_out_on IS NULL)`,
            headName: sql<
              string | null
            >`(SELECT p.name FROM registry_people p WHERE p.household_id = ${registryHouseholds.id} AND p.relation = 'head' AND p.moved_out_on IS NULL)`,
          })
          .from(registryHouseholds)
          .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
          .where(withinScope(registryHouseholds.path, page.scopePath))
          .orderBy(asc(registryAddresses.code), asc(registryHouseholds.id))
          .limit(page.limit)
          .offset(page.offset);
      case 'dwelling':
        return db
          .select({
            id: registryDwellings.id,
            address: registryAddresses.text,
            use: registryDwellings.use,
            areaM2: registryDwellings.areaM2,
            rooms: registryDwellings.rooms,
            occupants: sql<number>`(SELECT count(*)::int FROM registry_people p JOIN registry_households h ON h.id = p.household_id WHERE h.dwelling_id = ${registryDwellings.id} AND p.moved_out_on IS NULL)`,
          })
          .from(registryDwellings)
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
          .where(withinScope(registryDwellings.path, page.scopePath))
          .orderBy(asc(registryAddresses.code))
          .limit(page.limit)
          .offset(page.offset);
      case 'building':
        return db
          .select({
            id: registryBuildings.id,
            name: registryBuildings.name,
            address: registryAddresses.text,
            floors: registryBuildings.floors,
            use: registryBuildings.use,
            gridCode: registryBuildings.gridCode,
          })
          .from(registryBuildings)
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryBuildings.addressId))
          .where(withinScope(registryBuildings.path, page.scopePath))
          .orderBy(asc(registryAddresses.code))
          .limit(page.limit)
          .offset(page.offset);
      case 'organization':
        return db
          .select({
            id: registryOrganizations.id,
            name: registryOrganizations.name,
            kind: registryOrganizations.kind,
            address: registryAddresses.text,
            licenceNumber: registryOrganizations.licenceNumber,
            contactName: registryOrganizations.contactName,
            contactPhone: registryOrganizations.contactPhoneMasked,
            gridCode: registryOrganizations.gridCode,
          })
          .from(registryOrganizations)
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryOrganizations.addressId))
          .where(withinScope(registryOrganizations.path, page.scopePath))
          .orderBy(asc(registryOrganizations.name), asc(registryOrganizations.id))
          .limit(page.limit)
          .offset(page.offset);
      case 'facility': {
        const rows = await db
          .select()
          .from(registryFacilities)
          .where(withinScope(registryFacilities.path, page.scopePath))
          .orderBy(asc(registryFacilities.classCode), asc(registryFacilities.id))
          .limit(page.limit)
          .offset(page.offset);
        return rows.map((f) => ({
          id: f.id,
          name: f.name,
          classCode: f.classCode,
          state: f.state,
          ownerUnit: f.ownerUnit,
          gridCode: f.gridCode,
          point: [f.lon, f.lat],
        }));
      }
    }
  },

  // ── organizations, facilities ──
  async insertOrganizations(db: Executor, rows: (typeof registryOrganizations.$inferInsert)[]) {
    if (rows.length === 0) return [];
    return db.insert(registryOrganizations).values(rows).returning();
  },
  async insertFacilities(db: Executor, rows: (typeof registryFacilities.$inferInsert)[]) {
    const out: FacilityRow[] = [];
    await insertSliced(rows, async (slice) =>
      out.push(...(await db.insert(registryFacilities).values(slice).returning())),
    );
    return out;
  },

  async facilityInScope(db: Executor, id: string, scopePath: string): Promise<FacilityRow | undefined> {
    const [row] = await db
      .select()
      .from(registryFacilities)
      .where(and(eq(registryFacilities.id, id), withinScope(registryFacilities.path, scopePath)));
    return row;
  },
  async updateFacility(
    db: Executor,
    id: string,
    version: number,
    patch: Partial<typeof registryFacilities.$inferInsert>,
  ): Promise<FacilityRow | undefined> {
    const [row] = await db
      .update(registryFacilities)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(registryFacilities.id, id), eq(registryFacilities.version, version)))
      .returning();
    return row;
  },

  // ── history ──
  async insertHistory(db: Executor, row: typeof registryHistory.$inferInsert): Promise<void> {
    await db.insert(registryHistory).values(row);
  },
  async historyOf(db: Executor, kind: RegistryRecordKind, id: string, scopePath: string): Promise<HistoryRow[]> {
    return db
      .select()
      .from(registryHistory)
      .where(
        and(
          eq(registryHistory.recordKind, kind),
          eq(registryHistory.recordId, id),
          withinScope(registryHistory.path, scopePath),
        ),
      )
      .orderBy(desc(registryHistory.version));
  },
  /** Whether a record of this kind exists in scope (the history of a record out of scope is not found). */
  async recordInScope(db: Executor, kind: RegistryRecordKind, id: string, scopePath: string): Promise<boolean> {
    const table = TABLE_OF[kind];
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), withinScope(table.path, scopePath)));
    return rows.length > 0;
  },

  // ── map layers ──
  /** Per base grid in scope: how many records of the layer (grids with none are absent). */
  async mapLayerCounts(db: Executor, layer: RegistryMapLayerName, scopePath: string) {
    const { grid, from } = mapLayerSource(layer, scopePath);
    const rows = await queryRows<{ grid_code: string; count: number }>(
      db,
      sql`SELECT ${grid} AS grid_code, count(*)::int AS count ${from} GROUP BY 1 ORDER BY 1`,
    );
    return rows.map((r) => ({ gridCode: r.grid_code, count: r.count }));
  },
  /** The layer's points in scope (and in the box, if given), one per building for dwellings' layers. */
  async mapLayerPoints(
    db: Executor,
    layer: RegistryMapLayerName,
    filter: { scopePath: string; bbox: [number, number, number, number] | null; limit: number },
  ) {
    const { point, from } = mapLayerSource(layer, filter.scopePath);
    const [w, s, e, n] = filter.bbox ?? [-180, -90, 180, 90];
    return queryRows<{
      id: string;
      lon: number;
      lat: number;
      label: string;
      grid_code: string;
      count: number;
      class_code: string | null;
      state: FacilityState | null;
    }>(
      db,
      sql`SELECT * FROM (SELECT ${point} ${from} GROUP BY 1, 2, 3, 4, 5, 7, 8) p
          WHERE p.lon BETWEEN ${w} AND ${e} AND p.lat BETWEEN ${s} AND ${n}
          ORDER BY p.id LIMIT ${filter.limit}`,
    );
  },

  // ── legacy demo-key rows (sealed under the once-published demo key; re-sealed at start) ──
  async legacyDemoSealed(db: Executor) {
    const people = await db
      .select({
        id: registryPeople.id,
        idNumberSealed: registryPeople.idNumberSealed,
        phoneSealed: registryPeople.phoneSealed,
      })
      .from(registryPeople)
      .where(eq(registryPeople.sealedWith, 'demo'));
    const organizations = await db
      .select({ id: registryOrganizations.id, contactPhoneSealed: registryOrganizations.contactPhoneSealed })
      .from(registryOrganizations)
      .where(eq(registryOrganizations.sealedWith, 'demo'));
    return { people, organizations };
  },
  async resealPerson(
    db: Executor,
    id: string,
    values: Pick<
      PersonRow,
      'idNumberSealed' | 'idNumberIndex' | 'idNumberMasked' | 'phoneSealed' | 'phoneIndex' | 'phoneMasked'
    >,
  ) {
    await db
      .update(registryPeople)
      .set({ ...values, sealedWith: 'platform' })
      .where(eq(registryPeople.id, id));
  },
  async resealOrganization(
    db: Executor,
    id: string,
    values: { contactPhoneSealed: string; contactPhoneIndex: string },
  ) {
    await db
      .update(registryOrganizations)
      .set({ ...values, sealedWith: 'platform' })
      .where(eq(registryOrganizations.id, id));
  },

  // ── search ──
  /**
   * People in scope by name fragment, pinyin initials or blind index. Not an exact number, the
   * first page comes in two steps, each served by an index in its order so nothing is sorted in
   * bulk (a surname alone matches ~1 % of a county): first the people whose initials (letters typed)
   * or name start with `q`, by initials then name (`registry_people_initials_order`) or by name
   * (`registry_people_name_order`); only if they do not fill the page, the other matches (the
   * fragment elsewhere in the name) by name. Names compare by code point (COLLATE "C").
   */
  async searchPeople(
    db: Executor,
    filter: { scopePath: string; q: string; indexes: string[]; limit: number },
  ): Promise<(PersonWithAddress & { buildingId: string })[]> {
    const scope = withinScope(registryPeople.path, filter.scopePath);
    if (filter.indexes.length > 0) {
      // A whole ID number or phone is looked up by its blind index only (no name holds digits).
      const match = or(
        inArray(registryPeople.idNumberIndex, filter.indexes),
        inArray(registryPeople.phoneIndex, filter.indexes),
      );
      return peopleWithAddress(db, and(scope, match), [asc(nameInC), asc(registryPeople.id)], filter.limit);
    }
    const isInitials = /^[a-z]+$/i.test(filter.q);
    const starts = isInitials
      ? sql`(${registryPeople.nameInitials} COLLATE "C") LIKE ${`${escapeLike(filter.q.toLowerCase())}%`}`
      : sql`(${registryPeople.name} COLLATE "C") LIKE ${`${escapeLike(filter.q)}%`}`;
    const order = isInitials
      ? [asc(sql`(${registryPeople.nameInitials} COLLATE "C")`), asc(nameInC), asc(registryPeople.id)]
      : [asc(nameInC), asc(registryPeople.id)];
    const first = await peopleWithAddress(db, and(scope, starts), order, filter.limit);
    if (first.length >= filter.limit) return first;
    if (ONE_HAN_CHARACTER.test(filter.q)) {
      // One character not starting the name (华): walked in name order by its position, not sorted.
      const ids = await idsWithCharacterAfterFirst(db, scope, filter.q, filter.limit - first.length);
      if (ids.length === 0) return first;
      const rest = await peopleWithAddress(
        db,
        inArray(registryPeople.id, ids),
        [asc(sql`${nameInC} || ''`), asc(registryPeople.id)],
        ids.length,
      );
      return [...first, ...rest];
    }
    // The fragment elsewhere in the name: found through the grams or trigrams and sorted (walking
    // the name order instead was slower at county scale: a heap visit per name passed over).
    const rest = await peopleWithAddress(
      db,
      and(scope, nameContains(filter.q), sql`NOT ${starts}`),
      [asc(sql`${nameInC} || ''`), asc(registryPeople.id)],
      filter.limit - first.length,
    );
    return [...first, ...rest];
  },
  /**
   * Addresses (by their text or an alias) in scope, with the building they are, or are in, by code.
   * Up to FEW_MATCHES matches (each found through its trigram index) are sorted; more are walked in
   * code order (`registry_addresses_code_unique`).
   */
  async searchAddresses(db: Executor, filter: { scopePath: string; q: string; limit: number }) {
    const like = `%${escapeLike(filter.q)}%`;
    const scope = withinScope(registryAddresses.path, filter.scopePath);
    const few = await fewMatches([
      db
        .select({ id: registryAddresses.id })
        .from(registryAddresses)
        .where(and(scope, ilike(registryAddresses.text, like)))
        .limit(FEW_MATCHES + 1),
      db
        .select({ id: registryAddressAliases.addressId })
        .from(registryAddressAliases)
        .where(ilike(registryAddressAliases.alias, like))
        .limit(FEW_MATCHES + 1),
    ]);
    if (few?.length === 0) return [];
    return db
      .select({
        id: registryAddresses.id,
        text: registryAddresses.text,
        code: registryAddresses.code,
        buildingId: sql<
          string | null
        >`COALESCE(${registryBuildings.id}, (SELECT d.building_id FROM registry_dwellings d WHERE d.address_id = ${registryAddresses.id}))`,
      })
      .from(registryAddresses)
      .leftJoin(registryBuildings, eq(registryBuildings.addressId, registryAddresses.id))
      .where(
        and(
          scope,
          few
            ? inArray(registryAddresses.id, few)
            : or(
                ilike(registryAddresses.text, like),
                sql`EXISTS (SELECT 1 FROM ${registryAddressAliases} WHERE ${registryAddressAliases.addressId} = ${registryAddresses.id} AND ${registryAddressAliases.alias} ILIKE ${like})`,
              ),
        ),
      )
      .orderBy(few ? searchOrder(registryAddresses.code) : asc(registryAddresses.code))
      .limit(filter.limit);
  },
  /** Buildings in scope by name or address text, by name: few matches sorted, many walked (`registry_buildings_name_idx`). */
  async searchBuildings(db: Executor, filter: { scopePath: string; q: string; limit: number }) {
    const like = `%${escapeLike(filter.q)}%`;
    const scope = withinScope(registryBuildings.path, filter.scopePath);
    const few = await fewMatches([
      db
        .select({ id: registryBuildings.id })
        .from(registryBuildings)
        .where(and(scope, ilike(registryBuildings.name, like)))
        .limit(FEW_MATCHES + 1),
      db
        .select({ id: registryBuildings.id })
        .from(registryAddresses)
        .innerJoin(registryBuildings, eq(registryBuildings.addressId, registryAddresses.id))
        .where(and(scope, ilike(registryAddresses.text, like)))
        .limit(FEW_MATCHES + 1),
    ]);
    if (few?.length === 0) return [];
    return db
      .select({ id: registryBuildings.id, name: registryBuildings.name, address: registryAddresses.text })
      .from(registryBuildings)
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryBuildings.addressId))
      .where(
        and(
          scope,
          few
            ? inArray(registryBuildings.id, few)
            : or(ilike(registryBuildings.name, like), ilike(registryAddresses.text, like)),
        ),
      )
      .orderBy(few ? searchOrder(registryBuildings.name) : asc(registryBuildings.name))
      .limit(filter.limit);
  },
  /**
   * Dwellings in scope whose address text holds every term (`3幢`, `502`), by address code, with
   * their building. Each term of three or more characters is served by the address trigram index.
   */
  async searchDwellings(db: Executor, filter: { scopePath: string; terms: string[]; limit: number }) {
    if (filter.terms.length === 0) return [];
    return db
      .select({
        id: registryDwellings.id,
        address: registryAddresses.text,
        building: registryBuildings.name,
        buildingId: registryDwellings.buildingId,
      })
      .from(registryDwellings)
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
      .innerJoin(registryBuildings, eq(registryBuildings.id, registryDwellings.buildingId))
      .where(
        and(
          withinScope(registryDwellings.path, filter.scopePath),
          ...filter.terms.map((term) => ilike(registryAddresses.text, `%${escapeLike(term)}%`)),
        ),
      )
      .orderBy(asc(registryAddresses.code))
      .limit(filter.limit);
  },
  async searchOrganizations(db: Executor, filter: { scopePath: string; q: string; limit: number }) {
    const like = `%${escapeLike(filter.q)}%`;
    const initials = /^[a-z]+$/i.test(filter.q) ? `${escapeLike(filter.q.toLowerCase())}%` : null;
    return db
      .select({ id: registryOrganizations.id, name: registryOrganizations.name, address: registryAddresses.text })
      .from(registryOrganizations)
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryOrganizations.addressId))
      .where(
        and(
          withinScope(registryOrganizations.path, filter.scopePath),
          or(
            ilike(registryOrganizations.name, like),
            initials ? sql`${registryOrganizations.nameInitials} LIKE ${initials}` : undefined,
            ilike(registryOrganizations.licenceNumber, like),
          ),
        ),
      )
      .orderBy(searchOrder(registryOrganizations.name))
      .limit(filter.limit);
  },

  // ── group rentals ──
  /** Dwellings in scope with the people living there (not moved out): household, birth date. */
  async occupancyInScope(db: Executor, scopePath: string) {
    return db
      .select({
        dwelling: registryDwellings,
        address: registryAddresses.text,
        buildingName: registryBuildings.name,
        householdId: registryPeople.householdId,
        birthDate: registryPeople.birthDate,
      })
      .from(registryDwellings)
      .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
      .innerJoin(registryBuildings, eq(registryBuildings.id, registryDwellings.buildingId))
      .innerJoin(registryHouseholds, eq(registryHouseholds.dwellingId, registryDwellings.id))
      .innerJoin(
        registryPeople,
        and(eq(registryPeople.householdId, registryHouseholds.id), isNull(registryPeople.movedOutOn)),
      )
      .where(withinScope(registryDwellings.path, scopePath))
      .orderBy(asc(registryAddresses.code));
  },
};

/**
 * Where a map layer's records are: the FROM … WHERE (in scope) they come from, their base grid,
 * and their point columns (id, lon, lat, label, grid_code, count, class_code, state; grouped by all
 * but count). Dwellings' layers are drawn per building; an organization sits at its address's point
 * or its building's.
 */
function mapLayerSource(layer: RegistryMapLayerName, scopePath: string): { grid: SQL; point: SQL; from: SQL } {
  const inScope = (path: SQL) => withinScope(path, scopePath);
  switch (layer) {
    case 'buildings':
      return {
        grid: sql`b.grid_code`,
        point: sql`b.id, b.lon, b.lat, b.name AS label, b.grid_code, count(*)::int AS count, NULL::text AS class_code, NULL::text AS state`,
        from: sql`FROM registry_buildings b WHERE ${inScope(sql`b.path`)}`,
      };
    case 'rentals':
    case 'group_rentals': {
      const use = layer === 'rentals' ? 'rented' : 'group_rented';
      return {
        grid: sql`b.grid_code`,
        point: sql`b.id, b.lon, b.lat, b.name AS label, b.grid_code, count(*)::int AS count, NULL::text AS class_code, NULL::text AS state`,
        from: sql`FROM registry_dwellings d JOIN registry_buildings b ON b.id = d.building_id
                  WHERE d.use = ${use} AND ${inScope(sql`d.path`)}`,
      };
    }
    case 'organizations':
      return {
        grid: sql`o.grid_code`,
        point: sql`o.id, COALESCE(a.lon, b.lon) AS lon, COALESCE(a.lat, b.lat) AS lat, o.name AS label, o.grid_code,
                   count(*)::int AS count, NULL::text AS class_code, NULL::text AS state`,
        from: sql`FROM registry_organizations o JOIN registry_addresses a ON a.id = o.address_id
                  LEFT JOIN registry_dwellings d ON d.address_id = a.id
                  LEFT JOIN registry_buildings b ON b.id = COALESCE(d.building_id, (SELECT id FROM registry_buildings WHERE address_id = a.id))
                  WHERE ${inScope(sql`o.path`)}`,
      };
    case 'facilities':
      return {
        grid: sql`f.grid_code`,
        point: sql`f.id, f.lon, f.lat, f.name AS label, f.grid_code, count(*)::int AS count, f.class_code, f.state`,
        from: sql`FROM registry_facilities f WHERE ${inScope(sql`f.path`)}`,
      };
  }
}
