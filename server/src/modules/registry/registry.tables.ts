import {
  ADDRESS_ALIAS_KINDS,
  BUILDING_USES,
  DWELLING_USES,
  FACILITY_STATES,
  HOUSEHOLD_KINDS,
  HOUSEHOLD_RELATIONS,
  ORGANIZATION_KINDS,
  PERSON_TAGS,
  REGISTRY_RECORD_KINDS,
  RESIDENCE_KINDS,
  ROLES,
  SEXES,
} from '@yiwang/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { regions } from '../regions/regions.tables.js';
import { units } from '../units/units.tables.js';

/*
 * The registry (一标三实). Every record carries `path`, the scope path of its base grid (or
 * its community's, for an address without a building), so one prefix filter scopes them all,
 * and `version`/`updated_by`/`updated_at`: each change writes the record's previous state to
 * `registry_history` with the time it was valid, in the change's transaction, with its audit row.
 */
const changeColumns = () => ({
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
const pathIndex = (name: string, path: AnyPgColumn) => index(name).using('btree', sql`${path} text_pattern_ops`);
/**
 * A trigram index (pg_trgm, created by the registry's search migration) serves `ILIKE '%fragment%'`
 * of three or more characters, and an initials prefix, at county scale; see docs/registry.md § Search.
 */
const trigramIndex = (name: string, column: AnyPgColumn) => index(name).using('gin', sql`${column} gin_trgm_ops`);

/** A standard address (标准地址): the hook every building, dwelling and organization hangs on. */
export const registryAddresses = pgTable(
  'registry_addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** region code + road + number + building + unit + room (domain/address-code.ts). */
    code: text('code').notNull().unique(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    path: text('path').notNull(),
    road: text('road').notNull(),
    number: text('number').notNull(),
    building: text('building'),
    unit: text('unit'),
    room: text('room'),
    /** The full written address, as the standard writes it (江阴市澄江街道文定路12号3幢2单元301室). */
    text: text('text').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    ...changeColumns(),
  },
  (t) => [
    pathIndex('registry_addresses_path_idx', t.path),
    index('registry_addresses_text_idx').on(t.text),
    trigramIndex('registry_addresses_text_trgm', t.text),
  ],
);

/** Another way the same place is written (non-standard, virtual or a point's name), mapped to one standard address. */
export const registryAddressAliases = pgTable(
  'registry_address_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    addressId: uuid('address_id')
      .notNull()
      .references(() => registryAddresses.id),
    alias: text('alias').notNull().unique(),
    kind: text('kind', { enum: ADDRESS_ALIAS_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('registry_address_aliases_address_idx').on(t.addressId),
    trigramIndex('registry_address_aliases_alias_trgm', t.alias),
  ],
);

/** A building (楼栋), in the base grid its point lies in (房进格). */
export const registryBuildings = pgTable(
  'registry_buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    addressId: uuid('address_id')
      .notNull()
      .unique()
      .references(() => registryAddresses.id),
    name: text('name').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    floors: integer('floors').notNull(),
    use: text('use', { enum: BUILDING_USES }).notNull(),
    gridCode: text('grid_code').notNull(),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    pathIndex('registry_buildings_path_idx', t.path),
    trigramIndex('registry_buildings_name_trgm', t.name),
    // A search with many matches walks the names in order (migration 0032).
    index('registry_buildings_name_idx').on(t.name),
    check('registry_buildings_floors', sql`${t.floors} > 0`),
  ],
);

/** A dwelling (房屋): a flat, room or shop of a building. */
export const registryDwellings = pgTable(
  'registry_dwellings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => registryBuildings.id),
    addressId: uuid('address_id')
      .notNull()
      .unique()
      .references(() => registryAddresses.id),
    use: text('use', { enum: DWELLING_USES }).notNull(),
    areaM2: doublePrecision('area_m2').notNull(),
    rooms: integer('rooms').notNull(),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    index('registry_dwellings_building_idx').on(t.buildingId),
    pathIndex('registry_dwellings_path_idx', t.path),
    check('registry_dwellings_size', sql`${t.areaM2} > 0 AND ${t.rooms} > 0`),
  ],
);

/** A household (户): registered (户籍户) or actual (实有户), living in a dwelling (户进房). */
export const registryHouseholds = pgTable(
  'registry_households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: HOUSEHOLD_KINDS }).notNull(),
    dwellingId: uuid('dwelling_id')
      .notNull()
      .references(() => registryDwellings.id),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    index('registry_households_dwelling_idx').on(t.dwellingId),
    pathIndex('registry_households_path_idx', t.path),
  ],
);

/**
 * A person (人口), member of a household (人进户). The ID number and phone are kept only sealed
 * (AES-GCM under the installation's secret, demo people too; `sealed_with` 'demo' marks rows of an
 * earlier version under a published demo key, re-sealed at start), as a blind index and masked.
 */
export const registryPeople = pgTable(
  'registry_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => registryHouseholds.id),
    relation: text('relation', { enum: HOUSEHOLD_RELATIONS }).notNull(),
    name: text('name').notNull(),
    /** First letters of the name's pinyin (张伟 → zw), for search by initials. */
    nameInitials: text('name_initials').notNull(),
    idNumberSealed: text('id_number_sealed'),
    idNumberIndex: text('id_number_index'),
    idNumberMasked: text('id_number_masked'),
    sex: text('sex', { enum: SEXES }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phoneSealed: text('phone_sealed'),
    phoneIndex: text('phone_index'),
    phoneMasked: text('phone_masked'),
    sealedWith: text('sealed_with', { enum: ['platform', 'demo'] })
      .notNull()
      .default('platform'),
    residence: text('residence', { enum: RESIDENCE_KINDS }).notNull(),
    movedInOn: date('moved_in_on', { mode: 'string' }),
    movedOutOn: date('moved_out_on', { mode: 'string' }),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    index('registry_people_household_idx').on(t.householdId),
    pathIndex('registry_people_path_idx', t.path),
    index('registry_people_name_idx').on(t.name),
    index('registry_people_initials_idx').on(t.nameInitials),
    trigramIndex('registry_people_name_trgm', t.name),
    trigramIndex('registry_people_initials_trgm', t.nameInitials),
    // 1- and 2-character fragments (姓 alone, 名 of two characters), which trigrams cannot serve:
    // the name's lower-cased characters and character pairs (registry_name_grams, migration 0031).
    index('registry_people_name_grams').using('gin', sql`registry_name_grams(${t.name})`),
    // A search's first page in its order (migration 0032): names that start with the fragment by
    // name, initials that start with the typed letters by initials then name — walked, not sorted.
    index('registry_people_name_order').using('btree', sql`(${t.name} COLLATE "C")`, t.id),
    index('registry_people_initials_order').using(
      'btree',
      sql`(${t.nameInitials} COLLATE "C")`,
      sql`(${t.name} COLLATE "C")`,
      t.id,
    ),
    // One character that does not start the name (华, a given name's), at county scale tens of
    // thousands of matches (migration 0033): the character's position in the name, then the name, so
    // each position's matches are walked in name order instead of all fetched and sorted. Positions
    // 2 and 3 cover the usual names; the rare longer ones go through the grams of their tail.
    index('registry_people_second_char_order').using(
      'btree',
      sql`substr(${t.name}, 2, 1)`,
      sql`(${t.name} COLLATE "C")`,
      t.id,
    ),
    index('registry_people_third_char_order').using(
      'btree',
      sql`substr(${t.name}, 3, 1)`,
      sql`(${t.name} COLLATE "C")`,
      t.id,
    ),
    index('registry_people_name_tail_grams')
      .using('gin', sql`registry_name_grams(substr(${t.name}, 4))`)
      .where(sql`char_length(${t.name}) > 3`),
    // Deduplication by ID number: one person per number (a placeholder or missing number is null).
    uniqueIndex('registry_people_id_number_key').on(t.idNumberIndex),
    index('registry_people_phone_idx').on(t.phoneIndex),
    // Exactly one head: at most one current head per household here, at least one in the use cases.
    uniqueIndex('registry_people_one_head')
      .on(t.householdId)
      .where(sql`${t.relation} = 'head' AND ${t.movedOutOn} IS NULL`),
  ],
);

/** A special-population or care-group tag of a person (sensitive: shown only where granted). */
export const registryPersonTags = pgTable(
  'registry_person_tags',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => registryPeople.id),
    tag: text('tag', { enum: PERSON_TAGS }).notNull(),
    path: text('path').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.tag] }), index('registry_person_tags_tag_idx').on(t.tag, t.path)],
);

/** An organization (组织): enterprise, shop, social or party organization. */
export const registryOrganizations = pgTable(
  'registry_organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull(),
    addressId: uuid('address_id')
      .notNull()
      .references(() => registryAddresses.id),
    /** 统一社会信用代码 or another licence number; public on the licence itself, so kept plain. */
    licenceNumber: text('licence_number'),
    contactName: text('contact_name'),
    contactPhoneSealed: text('contact_phone_sealed'),
    contactPhoneIndex: text('contact_phone_index'),
    contactPhoneMasked: text('contact_phone_masked'),
    sealedWith: text('sealed_with', { enum: ['platform', 'demo'] })
      .notNull()
      .default('platform'),
    gridCode: text('grid_code').notNull(),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    pathIndex('registry_organizations_path_idx', t.path),
    index('registry_organizations_name_idx').on(t.name),
    trigramIndex('registry_organizations_name_trgm', t.name),
    trigramIndex('registry_organizations_initials_trgm', t.nameInitials),
    trigramIndex('registry_organizations_licence_trgm', t.licenceNumber),
  ],
);

/** A facility (部件) on the street, classed by a GB/T 30428.2-style code. */
export const registryFacilities = pgTable(
  'registry_facilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Class code, e.g. 0101 上水井盖, 0110 消防栓, 0201 路灯 (see docs/registry.md). */
    classCode: text('class_code').notNull(),
    /** 部件编码 (GB/T 30428.2: region, class, serial) where one was given (an import); unique. */
    code: text('code'),
    name: text('name').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    state: text('state', { enum: FACILITY_STATES }).notNull(),
    ownerUnit: text('owner_unit').notNull(),
    gridCode: text('grid_code').notNull(),
    path: text('path').notNull(),
    ...changeColumns(),
  },
  (t) => [
    pathIndex('registry_facilities_path_idx', t.path),
    index('registry_facilities_class_idx').on(t.classCode),
    uniqueIndex('registry_facilities_code_key').on(t.code).where(sql`${t.code} IS NOT NULL`),
  ],
);

/**
 * Every past state of every registry record: the row as it was (sealed values left out, their
 * masks kept), who made that state and when it was valid. The current state is the record.
 */
export const registryHistory = pgTable(
  'registry_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordKind: text('record_kind', { enum: REGISTRY_RECORD_KINDS }).notNull(),
    recordId: uuid('record_id').notNull(),
    version: integer('version').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }).notNull(),
    /** Who ended this state, and why (the change's note). */
    endedBy: uuid('ended_by').references(() => users.id),
    /** The household visit (走访) whose change ended this state, when one did (registry-visits.tables.ts). */
    visitId: uuid('visit_id'),
    path: text('path').notNull(),
  },
  (t) => [index('registry_history_record_idx').on(t.recordKind, t.recordId, t.version)],
);

/** Which roles or units may see a special-population or care-group tag (absent elsewhere). */
export const registryTagGrants = pgTable(
  'registry_tag_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tag: text('tag', { enum: PERSON_TAGS }).notNull(),
    role: text('role', { enum: ROLES }),
    unitId: uuid('unit_id').references(() => units.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [check('registry_tag_grants_who', sql`(${t.role} IS NULL) <> (${t.unitId} IS NULL)`)],
);

/**
 * The data-sharing catalog (数据共享目录): a unit may read these fields of this record kind,
 * for this purpose, until this day — only records carrying `tag` when one is named.
 */
export const registrySharingGrants = pgTable(
  'registry_sharing_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    recordKind: text('record_kind', { enum: REGISTRY_RECORD_KINDS }).notNull(),
    fields: text('fields').array().notNull(),
    tag: text('tag', { enum: PERSON_TAGS }),
    purpose: text('purpose').notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('registry_sharing_grants_unit_idx').on(t.unitId)],
);
