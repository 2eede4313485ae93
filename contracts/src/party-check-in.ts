import { type Static, type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const CommunityCode = Type.String({ pattern: '^[0-9]{6,12}$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Quarter = Type.String({ pattern: '^[0-9]{4}-Q[1-4]$' });

export const RegisterPartyOrganizationBody = Type.Object(
  { communityCode: CommunityCode, name: Text(100), employer: Text(100), contact: Type.String({ maxLength: 100 }) },
  { additionalProperties: false },
);
export type RegisterPartyOrganizationBody = Static<typeof RegisterPartyOrganizationBody>;

export const PartyOrganization = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  name: Type.String(),
  employer: Type.String(),
  contact: Type.String(),
  members: Type.Integer(),
});
export type PartyOrganization = Static<typeof PartyOrganization>;

export const RegisterPartyMemberBody = Type.Object(
  {
    /** The residential community they report to (双报到). */
    communityCode: CommunityCode,
    name: Text(50),
    /** Their employer (工作单位), who receives the quarterly record. */
    employer: Text(100),
    organizationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type RegisterPartyMemberBody = Static<typeof RegisterPartyMemberBody>;

export const PartyMember = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  name: Type.String(),
  employer: Type.String(),
  organizationId: Nullable(Uuid),
  organizationName: Nullable(Type.String()),
  postIds: Type.Array(Uuid),
  minutesThisQuarter: Type.Integer(),
});
export type PartyMember = Static<typeof PartyMember>;

export const AddServicePostBody = Type.Object(
  {
    communityCode: CommunityCode,
    title: Text(100),
    description: Type.String({ maxLength: 500 }),
    /** How many members the community needs on it. */
    needed: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export type AddServicePostBody = Static<typeof AddServicePostBody>;

export const ServicePost = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  title: Type.String(),
  description: Type.String(),
  needed: Type.Integer(),
  taken: Type.Integer(),
});
export type ServicePost = Static<typeof ServicePost>;

export const ChoosePostBody = Type.Object({ postId: Uuid }, { additionalProperties: false });
export type ChoosePostBody = Static<typeof ChoosePostBody>;

export const LogPartyServiceBody = Type.Object(
  {
    postId: Uuid,
    servedOn: Day,
    minutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
    note: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type LogPartyServiceBody = Static<typeof LogPartyServiceBody>;

export const PartyServiceLog = Type.Object({
  id: Uuid,
  memberId: Uuid,
  postId: Uuid,
  postTitle: Type.String(),
  servedOn: Day,
  minutes: Type.Integer(),
  note: Type.String(),
});
export type PartyServiceLog = Static<typeof PartyServiceLog>;

export const PartyCheckInOverview = Type.Object({
  organizations: Type.Array(PartyOrganization),
  members: Type.Array(PartyMember),
  posts: Type.Array(ServicePost),
});
export type PartyCheckInOverview = Static<typeof PartyCheckInOverview>;

export const PartyCheckInQuery = Type.Object({ communityCode: Type.Optional(CommunityCode) });
export type PartyCheckInQuery = Static<typeof PartyCheckInQuery>;

export const ServiceRecordQuery = Type.Object({ quarter: Quarter });
export type ServiceRecordQuery = Static<typeof ServiceRecordQuery>;
