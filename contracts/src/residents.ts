import { type Static, type TSchema, Type } from 'typebox';
import { LocaleSchema, Offset } from './common.js';
import { CRS_NAMES, MapConfig } from './grids.js';
import { MAINLAND_MOBILE_PATTERN } from './roles.js';
import { RATINGS } from './vocabulary/case-states.js';

/**
 * The resident portal (/r): self-registration, "my reports" with their follow keys, and
 * following a case by code and key without an account (public facts only).
 */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RegisterResidentBody = Type.Object(
  {
    /** Becomes the login name. */
    phone: Type.String({ pattern: MAINLAND_MOBILE_PATTERN }),
    displayName: Type.String({ minLength: 1, maxLength: 32 }),
    /** Same rule as every account: at least 10 characters with letters and digits. */
    password: Type.String({ minLength: 10, maxLength: 256, pattern: '^(?=.*[A-Za-z])(?=.*[0-9]).+$' }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type RegisterResidentBody = Static<typeof RegisterResidentBody>;

/**
 * A case as the public sees it: no reporter, no staff, no units' internal notes, no
 * description or address (they may name the reporter's home).
 */
export const PUBLIC_CASE_STATES = [
  /** 上报, waiting to be registered. */
  'submitted',
  /** 立案, waiting for dispatch. */
  'registered',
  /** With a responsible unit (dispatched, accepted, returned for review). */
  'in_progress',
  /** The unit reports it done; the grid worker checks on site. */
  'checking',
  'on_hold',
  /** Closed after the check (and rated, archived). */
  'resolved',
  /** Voided: not taken up as a case (duplicate, invalid, out of scope). */
  'not_accepted',
] as const;
export type PublicCaseState = (typeof PUBLIC_CASE_STATES)[number];

/** Timeline steps the public sees; internal steps (supervision, extensions, returns, whistle) are left out. */
export const PUBLIC_STEPS = [
  'submitted',
  'merged',
  'registered',
  'not_accepted',
  'dispatched',
  'accepted',
  'escalated',
  'on_hold',
  'resumed',
  'handled',
  'rework',
  'verified',
  'closed',
  'rated',
  'reopened',
  'archived',
] as const;
export type PublicStep = (typeof PUBLIC_STEPS)[number];

export const PublicCaseView = Type.Object({
  /** The case followed; differs from the code asked for when that case was merged into this one (并单). */
  code: Type.String(),
  mergedFromCode: Nullable(Type.String()),
  matter: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
  state: Type.Enum(PUBLIC_CASE_STATES),
  reportedAt: DateTime,
  closedAt: Nullable(DateTime),
  /** Reports merged in beyond the first ("me too"). */
  supporterCount: Type.Integer(),
  timeline: Type.Array(Type.Object({ step: Type.Enum(PUBLIC_STEPS), at: DateTime })),
  /** What the responsible unit did, once the case is closed. */
  result: Nullable(
    Type.Object({
      text: Type.String(),
      at: DateTime,
      /** Thumbnails (no metadata) of the unit's photos, each at /api/public/cases/{code}/photos/{id}/thumbnail?key=… */
      photoIds: Type.Array(Type.String()),
    }),
  ),
});
export type PublicCaseView = Static<typeof PublicCaseView>;

/** The follow key: 8 characters of Crockford's base32 (no I, L, O, U), case-insensitive. */
export const FollowQuery = Type.Object({ key: Type.Optional(Type.String({ maxLength: 40 })) });
export const PublicCaseParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
export const PublicPhotoParams = Type.Object({
  code: Type.String({ maxLength: 40 }),
  photoId: Type.String({ maxLength: 40 }),
});

/** One case in the resident's "my reports". */
export const MyReport = Type.Object({
  code: Type.String(),
  matter: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }),
  state: Type.Enum(PUBLIC_CASE_STATES),
  /** My own words (the first of my reports on this case). */
  description: Type.String(),
  reportedAt: DateTime,
  closedAt: Nullable(DateTime),
  supporterCount: Type.Integer(),
  anonymous: Type.Boolean(),
  /** With the code, lets anyone I tell follow the case without signing in. */
  followKey: Nullable(Type.String()),
  /** The case waits for my rating (回访): closed, and I am its reporter. */
  canRate: Type.Boolean(),
  /** My rating, once given. */
  myRating: Nullable(Type.Object({ rating: Type.Enum(RATINGS), comment: Nullable(Type.String()), at: DateTime })),
});
export type MyReport = Static<typeof MyReport>;
export const MyReportList = Type.Object({ items: Type.Array(MyReport), total: Type.Integer() });
export type MyReportList = Static<typeof MyReportList>;
export const MyReportsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  offset: Offset,
});

/** What the pin map needs: base tiles (if any) and the towns' outlines for orientation. */
export const ResidentMap = Type.Object({
  tiles: MapConfig.properties.tiles,
  /** GeoJSON FeatureCollection of the level-1 grids (towns), properties {code, name, nameEn}, WGS84. */
  towns: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }),
});
export type ResidentMap = Static<typeof ResidentMap>;

/** Where a pin lies, for the reporter to check before sending: the grid and the places above it. */
export const PlaceQuery = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Enum(CRS_NAMES, { default: 'WGS84' }),
});
const Named = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
export const ResidentPlace = Type.Object({
  /** The base grid (level 3) holding the point. */
  grid: Named,
  /** Its community (level 2) and town (level 1) grids. */
  community: Nullable(Named),
  town: Nullable(Named),
});
export type ResidentPlace = Static<typeof ResidentPlace>;
