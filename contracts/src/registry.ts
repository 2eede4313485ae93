import { type Static, type TSchema, Type } from 'typebox';
import { RoleSchema } from './common.js';
import {
  ADDRESS_ALIAS_KINDS,
  BUILDING_USES,
  DWELLING_USES,
  FACILITY_STATES,
  GROUP_RENTAL_REASONS,
  GROUP_RENTAL_RULES,
  HOUSEHOLD_KINDS,
  HOUSEHOLD_RELATIONS,
  HOUSEHOLD_VISIT_OUTCOMES,
  ORGANIZATION_KINDS,
  PERSON_TAGS,
  REGISTRY_MAP_LAYERS,
  REGISTRY_RECORD_KINDS,
  RESIDENCE_KINDS,
  SEXES,
  SHARED_RECORD_KINDS,
  VISIT_CHANGE_KINDS,
  VISIT_REVIEW_STATES,
} from './vocabulary/registry.js';

const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Closed = { additionalProperties: false } as const;

export const RegistryRecordKindSchema = Type.Enum(REGISTRY_RECORD_KINDS);
export const PersonTagSchema = Type.Enum(PERSON_TAGS);

// ── addresses ───────────────────────────────────────────────────────────────────

export const CreateAddressBody = Type.Object(
  {
    /** The community (village) the address lies in. */
    regionCode: Type.String({ pattern: '^[0-9]{12}$' }),
    road: Text(50),
    /** The road's (or residential compound's) number within the community, 1–9999. */
    roadCode: Type.Integer({ minimum: 1, maximum: 9999 }),
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    building: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    unit: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    room: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999 })),
    lon: Type.Optional(Lon),
    lat: Type.Optional(Lat),
    aliases: Type.Optional(
      Type.Array(Type.Object({ alias: Text(200), kind: Type.Enum(ADDRESS_ALIAS_KINDS) }, Closed), { maxItems: 20 }),
    ),
  },
  Closed,
);
export type CreateAddressBody = Static<typeof CreateAddressBody>;

export const Address = Type.Object({
  id: Uuid,
  code: Type.String(),
  regionCode: Type.String(),
  text: Type.String(),
  aliases: Type.Array(Type.Object({ alias: Type.String(), kind: Type.Enum(ADDRESS_ALIAS_KINDS) })),
  version: Type.Integer(),
});
export type Address = Static<typeof Address>;

// ── buildings, dwellings ────────────────────────────────────────────────────────

export const CreateBuildingBody = Type.Object(
  {
    addressId: Uuid,
    name: Text(100),
    lon: Lon,
    lat: Lat,
    floors: Type.Integer({ minimum: 1, maximum: 200 }),
    use: Type.Enum(BUILDING_USES),
  },
  Closed,
);
export type CreateBuildingBody = Static<typeof CreateBuildingBody>;

export const Building = Type.Object({
  id: Uuid,
  name: Type.String(),
  address: Type.String(),
  addressId: Uuid,
  lon: Type.Number(),
  lat: Type.Number(),
  floors: Type.Integer(),
  use: Type.Enum(BUILDING_USES),
  gridCode: Type.String(),
  version: Type.Integer(),
});
export type Building = Static<typeof Building>;

export const CreateDwellingBody = Type.Object(
  {
    buildingId: Uuid,
    addressId: Uuid,
    use: Type.Enum(DWELLING_USES),
    areaM2: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
    rooms: Type.Integer({ minimum: 1, maximum: 500 }),
  },
  Closed,
);
export type CreateDwellingBody = Static<typeof CreateDwellingBody>;

export const UpdateDwellingBody = Type.Object(
  {
    use: Type.Optional(Type.Enum(DWELLING_USES)),
    areaM2: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100000 })),
    rooms: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  Closed,
);
export type UpdateDwellingBody = Static<typeof UpdateDwellingBody>;

export const Dwelling = Type.Object({
  id: Uuid,
  buildingId: Uuid,
  addressId: Uuid,
  address: Type.String(),
  use: Type.Enum(DWELLING_USES),
  areaM2: Type.Number(),
  rooms: Type.Integer(),
  version: Type.Integer(),
});
export type Dwelling = Static<typeof Dwelling>;

// ── people, households ──────────────────────────────────────────────────────────

const PersonFields = {
  name: Text(50),
  idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 20 })),
  sex: Type.Optional(Type.Enum(SEXES)),
  birthDate: Type.Optional(Day),
  phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  residence: Type.Enum(RESIDENCE_KINDS),
  movedInOn: Type.Optional(Day),
  relation: Type.Enum(HOUSEHOLD_RELATIONS),
};

export const PersonInput = Type.Object(PersonFields, Closed);
export type PersonInput = Static<typeof PersonInput>;

export const CreateHouseholdBody = Type.Object(
  {
    kind: Type.Enum(HOUSEHOLD_KINDS),
    dwellingId: Uuid,
    members: Type.Array(PersonInput, { minItems: 1, maxItems: 50 }),
  },
  Closed,
);
export type CreateHouseholdBody = Static<typeof CreateHouseholdBody>;

export const UpdatePersonBody = Type.Object(
  {
    name: Type.Optional(Text(50)),
    phone: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 20 }))),
    residence: Type.Optional(Type.Enum(RESIDENCE_KINDS)),
    relation: Type.Optional(Type.Enum(HOUSEHOLD_RELATIONS)),
    movedOutOn: Type.Optional(Nullable(Day)),
  },
  Closed,
);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

/** A person as most readers see them: ID number and phone masked; tags only those granted to the reader. */
export const Person = Type.Object({
  id: Uuid,
  householdId: Uuid,
  relation: Type.Enum(HOUSEHOLD_RELATIONS),
  name: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  sex: Type.Enum(SEXES),
  birthDate: Day,
  phoneMasked: Nullable(Type.String()),
  residence: Type.Enum(RESIDENCE_KINDS),
  movedInOn: Nullable(Day),
  movedOutOn: Nullable(Day),
  address: Type.String(),
  /** Present only when the reader is granted at least one tag; then only the granted ones. */
  tags: Type.Optional(Type.Array(PersonTagSchema)),
  version: Type.Integer(),
});
export type Person = Static<typeof Person>;

export const Household = Type.Object({
  id: Uuid,
  kind: Type.Enum(HOUSEHOLD_KINDS),
  dwellingId: Uuid,
  address: Type.String(),
  members: Type.Array(Person),
  version: Type.Integer(),
});
export type Household = Static<typeof Household>;

export const HistoryEntry = Type.Object({
  version: Type.Integer(),
  state: Type.Record(Type.String(), Type.Unknown()),
  changedBy: Nullable(Type.String()),
  validFrom: DateTime,
  validTo: DateTime,
});
export const HistoryList = Type.Object({ items: Type.Array(HistoryEntry) });
export type HistoryEntry = Static<typeof HistoryEntry>;

export const BuildingPage = Type.Object({
  building: Building,
  dwellings: Type.Array(Type.Object({ dwelling: Dwelling, households: Type.Array(Household) })),
});
export type BuildingPage = Static<typeof BuildingPage>;

export const RevealPersonBody = Type.Object(
  { field: Type.Enum(['idNumber', 'phone']), purpose: Type.String({ minLength: 2, maxLength: 200 }) },
  Closed,
);
export type RevealPersonBody = Static<typeof RevealPersonBody>;
export const RevealedValue = Type.Object({ value: Type.String() });

export const TagPersonBody = Type.Object({ tag: PersonTagSchema }, Closed);

// ── organizations, facilities ───────────────────────────────────────────────────

export const CreateOrganizationBody = Type.Object(
  {
    kind: Type.Enum(ORGANIZATION_KINDS),
    name: Text(100),
    addressId: Uuid,
    licenceNumber: Type.Optional(Text(30)),
    contactName: Type.Optional(Text(50)),
    contactPhone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  },
  Closed,
);
export type CreateOrganizationBody = Static<typeof CreateOrganizationBody>;
export const Organization = Type.Object({
  id: Uuid,
  kind: Type.Enum(ORGANIZATION_KINDS),
  name: Type.String(),
  address: Type.String(),
  licenceNumber: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhoneMasked: Nullable(Type.String()),
  gridCode: Type.String(),
  version: Type.Integer(),
});
export type Organization = Static<typeof Organization>;

export const CreateFacilityBody = Type.Object(
  {
    classCode: Type.String({ pattern: '^[0-9]{4}$' }),
    name: Text(100),
    lon: Lon,
    lat: Lat,
    state: Type.Enum(FACILITY_STATES),
    ownerUnit: Text(100),
  },
  Closed,
);
export type CreateFacilityBody = Static<typeof CreateFacilityBody>;
export const UpdateFacilityBody = Type.Object(
  { state: Type.Optional(Type.Enum(FACILITY_STATES)), ownerUnit: Type.Optional(Text(100)) },
  Closed,
);
export type UpdateFacilityBody = Static<typeof UpdateFacilityBody>;
export const Facility = Type.Object({
  id: Uuid,
  classCode: Type.String(),
  /** 部件编码 (GB/T 30428.2), where one was given (an import). */
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
  state: Type.Enum(FACILITY_STATES),
  ownerUnit: Type.String(),
  gridCode: Type.String(),
  version: Type.Integer(),
});
export type Facility = Static<typeof Facility>;

// ── search, group rentals ───────────────────────────────────────────────────────

export const RegistrySearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100 }),
    /** `dwelling` (a flat, by its address text) only when asked for by kind: the case page's link card. */
    kind: Type.Optional(Type.Enum(['person', 'household', 'address', 'building', 'organization', 'dwelling'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  Closed,
);
export type RegistrySearchQuery = Static<typeof RegistrySearchQuery>;
export const RegistrySearchHit = Type.Object({
  kind: Type.Enum(['person', 'household', 'address', 'building', 'organization', 'dwelling']),
  id: Uuid,
  title: Type.String(),
  subtitle: Type.String(),
  /** The building the hit is in (a person's, a household's, an address's), for the building page. */
  buildingId: Nullable(Uuid),
});
export type RegistrySearchHit = Static<typeof RegistrySearchHit>;
export const RegistrySearchResult = Type.Object({ items: Type.Array(RegistrySearchHit) });
export type RegistrySearchResult = Static<typeof RegistrySearchResult>;

// ── map layers ──────────────────────────────────────────────────────────────────

/** At most this many points come back for one layer in view; past it, `truncated` says to zoom in. */
export const REGISTRY_MAP_POINTS_LIMIT = 2000;
export const RegistryMapLayerQuery = Type.Object(
  {
    layer: Type.Enum(REGISTRY_MAP_LAYERS),
    /** The visible area, `west,south,east,north` in degrees; without it, points of the whole scope. */
    bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', maxLength: 100 })),
  },
  Closed,
);
export type RegistryMapLayerQuery = Static<typeof RegistryMapLayerQuery>;
export const RegistryMapPoint = Type.Object({
  /** The record: a building (buildings, rentals, group rentals), organization or facility. */
  id: Uuid,
  lon: Type.Number(),
  lat: Type.Number(),
  label: Type.String(),
  gridCode: Type.String(),
  /** How many of the layer's records are at this point (rentals: dwellings of the building). */
  count: Type.Integer(),
  /** Facilities only: the class code and state. */
  classCode: Type.Optional(Type.String()),
  state: Type.Optional(Type.Enum(FACILITY_STATES)),
});
export type RegistryMapPoint = Static<typeof RegistryMapPoint>;
export const RegistryMapLayer = Type.Object({
  layer: Type.Enum(REGISTRY_MAP_LAYERS),
  /** Per base grid in scope with any: records of the layer (grids with none are absent). */
  counts: Type.Array(Type.Object({ gridCode: Type.String(), count: Type.Integer() })),
  total: Type.Integer(),
  points: Type.Array(RegistryMapPoint),
  truncated: Type.Boolean(),
});
export type RegistryMapLayer = Static<typeof RegistryMapLayer>;

export const GroupRentalQuery = Type.Object({ rule: Type.Optional(Type.Enum(GROUP_RENTAL_RULES)) }, Closed);
export const GroupRental = Type.Object({
  dwelling: Dwelling,
  buildingName: Type.String(),
  people: Type.Integer(),
  households: Type.Integer(),
  areaPerPerson: Type.Number(),
  peoplePerRoom: Type.Number(),
  reasons: Type.Array(Type.Enum(GROUP_RENTAL_REASONS)),
});
export type GroupRental = Static<typeof GroupRental>;
export const GroupRentalList = Type.Object({ rule: Type.Enum(GROUP_RENTAL_RULES), items: Type.Array(GroupRental) });
export type GroupRentalList = Static<typeof GroupRentalList>;

// ── tag grants and the data-sharing catalog ─────────────────────────────────────

export const CreateTagGrantBody = Type.Object(
  { tag: PersonTagSchema, role: Type.Optional(RoleSchema), unitId: Type.Optional(Uuid) },
  Closed,
);
export type CreateTagGrantBody = Static<typeof CreateTagGrantBody>;
export const TagGrant = Type.Object({
  id: Uuid,
  tag: PersonTagSchema,
  role: Nullable(RoleSchema),
  unitId: Nullable(Uuid),
  createdAt: DateTime,
});
export type TagGrant = Static<typeof TagGrant>;
export const TagGrantList = Type.Object({ items: Type.Array(TagGrant) });
export type TagGrantList = Static<typeof TagGrantList>;

export const CreateSharingGrantBody = Type.Object(
  {
    unitId: Uuid,
    recordKind: Type.Enum(SHARED_RECORD_KINDS),
    fields: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 20 }),
    tag: Type.Optional(PersonTagSchema),
    purpose: Type.String({ minLength: 2, maxLength: 200 }),
    validUntil: Day,
  },
  Closed,
);
export type CreateSharingGrantBody = Static<typeof CreateSharingGrantBody>;
export const SharingGrant = Type.Object({
  id: Uuid,
  unitId: Uuid,
  recordKind: Type.Enum(SHARED_RECORD_KINDS),
  fields: Type.Array(Type.String()),
  tag: Nullable(PersonTagSchema),
  purpose: Type.String(),
  validUntil: Day,
  createdAt: DateTime,
  revokedAt: Nullable(DateTime),
});
export type SharingGrant = Static<typeof SharingGrant>;
export const SharingGrantList = Type.Object({ items: Type.Array(SharingGrant) });
export type SharingGrantList = Static<typeof SharingGrantList>;

/** Records read through a grant: each holds its id and exactly the granted fields. */
export const SharedRecords = Type.Object({
  grant: SharingGrant,
  items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});
export type SharedRecords = Static<typeof SharedRecords>;
export const SharedRecordsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  Closed,
);
export const RecordKindParams = Type.Object({ kind: RegistryRecordKindSchema, id: Uuid });

// ── household visits (走访), reviews, data quality ─────────────────────────────────

/**
 * A household visit as the worker app records it (offline first, sent by the outbox with an
 * Idempotency-Key). `outcome: confirmed` brings no changes; `updated` brings at least one.
 */
export const HouseholdVisitBody = Type.Object(
  {
    visitedAt: DateTime,
    outcome: Type.Enum(HOUSEHOLD_VISIT_OUTCOMES),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** A newborn, someone moving in (ID number optional: a placeholder is simply left out). */
    newMembers: Type.Optional(Type.Array(PersonInput, { maxItems: 10 })),
    movedOut: Type.Optional(Type.Array(Type.Object({ personId: Uuid, movedOutOn: Day }, Closed), { maxItems: 20 })),
    dwellingUse: Type.Optional(Type.Enum(DWELLING_USES)),
    tags: Type.Optional(Type.Array(Type.Object({ personId: Uuid, tag: PersonTagSchema }, Closed), { maxItems: 20 })),
    /** A member becomes the head (the old head stays as `formerHeadRelation`): reviewed first. */
    newHead: Type.Optional(Type.Object({ personId: Uuid, formerHeadRelation: Type.Enum(HOUSEHOLD_RELATIONS) }, Closed)),
    /** A member's ID number found on the spot: reviewed first. */
    idNumbers: Type.Optional(
      Type.Array(Type.Object({ personId: Uuid, idNumber: Type.String({ minLength: 15, maxLength: 20 }) }, Closed), {
        maxItems: 10,
      }),
    ),
  },
  Closed,
);
export type HouseholdVisitBody = Static<typeof HouseholdVisitBody>;

/** One change a visit brought, as kept with the visit (no ID number in clear: its mask). */
export const VisitChange = Type.Object({
  kind: Type.Enum(VISIT_CHANGE_KINDS),
  personId: Nullable(Uuid),
  /** What a person reads: 张小明（新生儿）, 租住 → 群租, 身份证号 3202**********1234. */
  summary: Type.String(),
  /** applied: in the registry now; review: waiting for the community desk (see reviewId). */
  applied: Type.Boolean(),
  reviewId: Nullable(Uuid),
});
export type VisitChange = Static<typeof VisitChange>;

export const HouseholdVisit = Type.Object({
  id: Uuid,
  householdId: Uuid,
  dwellingId: Uuid,
  visitedBy: Type.String(),
  visitedAt: DateTime,
  outcome: Type.Enum(HOUSEHOLD_VISIT_OUTCOMES),
  note: Nullable(Type.String()),
  changes: Type.Array(VisitChange),
});
export type HouseholdVisit = Static<typeof HouseholdVisit>;

/** A person page: their household (members masked), dwelling, building, history and the household's visits. */
export const PersonPage = Type.Object({
  person: Person,
  household: Household,
  dwelling: Dwelling,
  building: Building,
  history: Type.Array(HistoryEntry),
  /** The visits to their household, newest first (who, when, what was confirmed or changed). */
  visits: Type.Array(HouseholdVisit),
});
export type PersonPage = Static<typeof PersonPage>;

/** A household of my grids, for the worker app's list. */
export const HouseholdListItem = Type.Object({
  id: Uuid,
  address: Type.String(),
  headName: Nullable(Type.String()),
  members: Type.Integer(),
  lastVisitedAt: Nullable(DateTime),
});
export type HouseholdListItem = Static<typeof HouseholdListItem>;
export const HouseholdListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  Closed,
);
export type HouseholdListQuery = Static<typeof HouseholdListQuery>;
export const HouseholdList = Type.Object({ items: Type.Array(HouseholdListItem) });
export type HouseholdList = Static<typeof HouseholdList>;

/** History entry of a household's member or dwelling, named, with the visit that made it when one did. */
export const HouseholdHistoryEntry = Type.Object({
  recordKind: RegistryRecordKindSchema,
  recordId: Uuid,
  version: Type.Integer(),
  state: Type.Record(Type.String(), Type.Unknown()),
  validFrom: DateTime,
  validTo: DateTime,
  visitId: Nullable(Uuid),
});
export type HouseholdHistoryEntry = Static<typeof HouseholdHistoryEntry>;

/** A household page: members (masked), its dwelling, its visits and its members' and dwelling's history. */
export const HouseholdPage = Type.Object({
  household: Household,
  dwelling: Dwelling,
  visits: Type.Array(HouseholdVisit),
  history: Type.Array(HouseholdHistoryEntry),
  /** The tags the reader is granted, so may set on a visit (the members' own tags are not shown here). */
  grantedTags: Type.Array(PersonTagSchema),
});
export type HouseholdPage = Static<typeof HouseholdPage>;

export const VisitReview = Type.Object({
  id: Uuid,
  visitId: Uuid,
  householdId: Uuid,
  address: Type.String(),
  kind: Type.Enum(VISIT_CHANGE_KINDS),
  personId: Nullable(Uuid),
  summary: Type.String(),
  state: Type.Enum(VISIT_REVIEW_STATES),
  visitedAt: DateTime,
  decidedAt: Nullable(DateTime),
});
export type VisitReview = Static<typeof VisitReview>;
export const VisitReviewList = Type.Object({ items: Type.Array(VisitReview) });
export type VisitReviewList = Static<typeof VisitReviewList>;
export const VisitReviewQuery = Type.Object({ state: Type.Optional(Type.Enum(VISIT_REVIEW_STATES)) }, Closed);
export const DecideReviewBody = Type.Object(
  { decision: Type.Enum(['approved', 'rejected'] as const), note: Type.Optional(Type.String({ maxLength: 500 })) },
  Closed,
);
export type DecideReviewBody = Static<typeof DecideReviewBody>;

/** Data quality of a grid (or a community, summed over its grids): collection rate and accuracy. */
export const GridQuality = Type.Object({
  code: Type.String(),
  name: Type.String(),
  /** The community's region code (for a community row, its own). */
  regionCode: Type.String(),
  expectedHouseholds: Type.Integer(),
  expectedPeople: Type.Integer(),
  households: Type.Integer(),
  people: Type.Integer(),
  /** registered / expected, 0…1 (more than expected counts as 1); null when nothing is expected. */
  householdCollectionRate: Nullable(Type.Number()),
  peopleCollectionRate: Nullable(Type.Number()),
  /** Households visited in the window, and those of them confirmed unchanged. */
  visited: Type.Integer(),
  confirmed: Type.Integer(),
  /** confirmed / visited; null when none was visited. */
  accuracy: Nullable(Type.Number()),
  dwellingsWithoutHousehold: Type.Integer(),
  householdsNeverVisited: Type.Integer(),
  peopleWithoutIdNumber: Type.Integer(),
});
export type GridQuality = Static<typeof GridQuality>;
export const RegistryQuality = Type.Object({
  day: Day,
  windowDays: Type.Integer(),
  communities: Type.Array(Type.Object({ community: GridQuality, grids: Type.Array(GridQuality) })),
});
export type RegistryQuality = Static<typeof RegistryQuality>;
export const RegistryQualityQuery = Type.Object(
  { windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) },
  Closed,
);
export const QualityMissingKind = Type.Enum([
  'dwelling-without-household',
  'household-never-visited',
  'person-without-id',
] as const);
export const QualityMissing = Type.Object({
  gridCode: Type.String(),
  items: Type.Array(
    Type.Object({ kind: QualityMissingKind, recordId: Uuid, label: Type.String(), address: Type.String() }),
  ),
});
export type QualityMissing = Static<typeof QualityMissing>;
export const GridCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
