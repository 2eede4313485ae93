import { type Static, type TSchema, Type } from 'typebox';
import { CaseCodeParams } from './cases.js';
import { Facility, Organization } from './registry.js';
import { CASE_STATES } from './vocabulary/case-states.js';
import { CASE_REGISTRY_LINK_KINDS, CASE_REGISTRY_LINK_ORIGINS } from './vocabulary/registry-links.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Closed = { additionalProperties: false } as const;

// ── a case's links to the registry (事件关联登记对象) ──────────────────────────────

export const CaseLinkParams = Type.Object({ code: CaseCodeParams.properties.code, linkId: Uuid });

export const CreateCaseRegistryLinkBody = Type.Object(
  { kind: Type.Enum(CASE_REGISTRY_LINK_KINDS), recordId: Uuid },
  Closed,
);
export type CreateCaseRegistryLinkBody = Static<typeof CreateCaseRegistryLinkBody>;

/** A registry record a case is linked to: a person by name (ID number never), a place by its address. */
export const CaseRegistryLink = Type.Object({
  id: Uuid,
  kind: Type.Enum(CASE_REGISTRY_LINK_KINDS),
  recordId: Uuid,
  title: Type.String(),
  subtitle: Type.String(),
  /** The page that shows the record: a person's, or the building of a household or dwelling. */
  personId: Nullable(Uuid),
  buildingId: Nullable(Uuid),
  origin: Type.Enum(CASE_REGISTRY_LINK_ORIGINS),
  createdAt: DateTime,
});
export type CaseRegistryLink = Static<typeof CaseRegistryLink>;
export const CaseRegistryLinkList = Type.Object({ items: Type.Array(CaseRegistryLink) });
export type CaseRegistryLinkList = Static<typeof CaseRegistryLinkList>;

/** A case linked to a registry record, as the person, building and facility pages list it. */
export const LinkedCase = Type.Object({
  code: Type.String(),
  matterName: Type.String(),
  matterNameEn: Type.String(),
  state: Type.Enum(CASE_STATES),
  createdAt: DateTime,
  /** Which record the link names (the person, their household, a dwelling, the facility). */
  via: Type.Enum(CASE_REGISTRY_LINK_KINDS),
});
export type LinkedCase = Static<typeof LinkedCase>;
export const LinkedCaseList = Type.Object({ items: Type.Array(LinkedCase) });
export type LinkedCaseList = Static<typeof LinkedCaseList>;

// ── the registry's lists (organizations, facilities) and their exports ──────────────

export const RegistryListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  Closed,
);
export type RegistryListQuery = Static<typeof RegistryListQuery>;
export const OrganizationList = Type.Object({ items: Type.Array(Organization), total: Type.Integer() });
export type OrganizationList = Static<typeof OrganizationList>;
export const FacilityList = Type.Object({ items: Type.Array(Facility), total: Type.Integer() });
export type FacilityList = Static<typeof FacilityList>;
