import { type Static, type TSchema, Type } from 'typebox';
import { SERVICE_PROVIDER_KINDS } from './vocabulary/community.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const CommunityCode = Type.String({ pattern: '^[0-9]{6,12}$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Words = Type.Array(Text(40), { maxItems: 20 });

// ── volunteers ───────────────────────────────────────────────────────────────────

export const RegisterVolunteerBody = Type.Object(
  {
    communityCode: CommunityCode,
    name: Text(50),
    skills: Words,
    /** When they can help, in their own words ("周末上午"). */
    availability: Type.String({ maxLength: 200 }),
    /** Trainings done (first aid, fire safety…). */
    training: Words,
  },
  { additionalProperties: false },
);
export type RegisterVolunteerBody = Static<typeof RegisterVolunteerBody>;

export const Volunteer = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  name: Type.String(),
  skills: Type.Array(Type.String()),
  availability: Type.String(),
  training: Type.Array(Type.String()),
  /** Verified service not yet spent, in points (1 hour = 1 point). */
  points: Type.Number(),
  minutesServed: Type.Integer(),
  hasAccount: Type.Boolean(),
  createdAt: DateTime,
});
export type Volunteer = Static<typeof Volunteer>;

export const VolunteerList = Type.Object({ items: Type.Array(Volunteer) });
export type VolunteerList = Static<typeof VolunteerList>;

export const VolunteerListQuery = Type.Object({
  communityCode: Type.Optional(CommunityCode),
  q: Type.Optional(Type.String({ maxLength: 40 })),
});
export type VolunteerListQuery = Static<typeof VolunteerListQuery>;

export const TimeBankEntry = Type.Object({
  id: Uuid,
  minutes: Type.Integer(),
  kind: Type.Union([Type.Literal('earned'), Type.Literal('spent')]),
  note: Type.String(),
  at: DateTime,
});
export type TimeBankEntry = Static<typeof TimeBankEntry>;

export const MyVolunteering = Type.Object({
  volunteer: Nullable(Volunteer),
  signups: Type.Array(
    Type.Object({
      id: Uuid,
      activityTitle: Type.String(),
      place: Type.String(),
      startsAt: DateTime,
      endsAt: DateTime,
      verifiedMinutes: Nullable(Type.Integer()),
      creditedMinutes: Nullable(Type.Integer()),
    }),
  ),
  timeBank: Type.Array(TimeBankEntry),
});
export type MyVolunteering = Static<typeof MyVolunteering>;

// ── activities and shifts ────────────────────────────────────────────────────────

export const CreateActivityBody = Type.Object(
  {
    communityCode: CommunityCode,
    title: Text(100),
    description: Type.String({ maxLength: 1000 }),
    place: Text(200),
    /** Most points a volunteer earns from this activity in all; absent = no cap. */
    capPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    shifts: Type.Array(
      Type.Object(
        { startsAt: DateTime, endsAt: DateTime, capacity: Type.Integer({ minimum: 1, maximum: 500 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type CreateActivityBody = Static<typeof CreateActivityBody>;

export const Shift = Type.Object({
  id: Uuid,
  startsAt: DateTime,
  endsAt: DateTime,
  capacity: Type.Integer(),
  taken: Type.Integer(),
  /** Whether the caller (a volunteer) holds a place on it. */
  mine: Type.Boolean(),
});
export type Shift = Static<typeof Shift>;

export const Activity = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  title: Type.String(),
  description: Type.String(),
  place: Type.String(),
  capPoints: Nullable(Type.Integer()),
  organizerName: Type.String(),
  shifts: Type.Array(Shift),
  createdAt: DateTime,
});
export type Activity = Static<typeof Activity>;

export const ActivityList = Type.Object({ items: Type.Array(Activity) });
export type ActivityList = Static<typeof ActivityList>;

export const ActivityListQuery = Type.Object({ communityCode: Type.Optional(CommunityCode) });
export type ActivityListQuery = Static<typeof ActivityListQuery>;

export const Signup = Type.Object({
  id: Uuid,
  shiftId: Uuid,
  volunteerId: Uuid,
  volunteerName: Type.String(),
  verifiedMinutes: Nullable(Type.Integer()),
  creditedMinutes: Nullable(Type.Integer()),
  verifiedAt: Nullable(DateTime),
});
export type Signup = Static<typeof Signup>;

export const SignupList = Type.Object({ items: Type.Array(Signup) });
export type SignupList = Static<typeof SignupList>;

export const VerifyHoursBody = Type.Object(
  { minutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }), note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type VerifyHoursBody = Static<typeof VerifyHoursBody>;

/** Spending time-bank points: redeeming a service (whole points; 1 point = 1 hour). */
export const SpendPointsBody = Type.Object(
  {
    points: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** What the points pay for ("上门理发一次"). */
    note: Text(200),
  },
  { additionalProperties: false },
);
export type SpendPointsBody = Static<typeof SpendPointsBody>;

// ── the service directory ────────────────────────────────────────────────────────

export const AddServiceProviderBody = Type.Object(
  {
    /** The community it serves; a town or the county for wider ones. */
    regionCode: CommunityCode,
    kind: Type.Enum(SERVICE_PROVIDER_KINDS),
    name: Text(100),
    offers: Text(500),
    address: Text(200),
    /** An organization's public contact (phone or how to reach it). */
    contact: Text(100),
    hours: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type AddServiceProviderBody = Static<typeof AddServiceProviderBody>;

export const ServiceProvider = Type.Object({
  id: Uuid,
  regionCode: Type.String(),
  kind: Type.Enum(SERVICE_PROVIDER_KINDS),
  name: Type.String(),
  offers: Type.String(),
  address: Type.String(),
  contact: Type.String(),
  hours: Nullable(Type.String()),
});
export type ServiceProvider = Static<typeof ServiceProvider>;

export const ServiceProviderList = Type.Object({ items: Type.Array(ServiceProvider) });
export type ServiceProviderList = Static<typeof ServiceProviderList>;

export const ServiceDirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.Enum(SERVICE_PROVIDER_KINDS)),
  /** Providers serving this community (its own, its town's, the county's). */
  communityCode: Type.Optional(CommunityCode),
});
export type ServiceDirectoryQuery = Static<typeof ServiceDirectoryQuery>;
