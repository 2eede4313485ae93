import { type Static, type TSchema, Type } from 'typebox';
import { CaseSummary, UnitRef } from './cases.js';
import { AreaGeometry } from './grids.js';
import { CASE_STATES } from './vocabulary/case-states.js';

/**
 * Field work: the worker app's day (today, nearby cases, support), patrols (巡查) with
 * their GPS tracks, household visits (走访) and visit plans, and the desk's view of them
 * (live positions, tracks per grid and day, each worker's activity).
 */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
/** A calendar day in China (UTC+08:00). */
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const GridCode = Type.String({ pattern: '^[0-9]{6,20}$' });
const RegionCode = Type.String({ pattern: '^[0-9]{6,12}$' });
const MatterCode = Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' });
const PhotoIds = Type.Array(Uuid, { maxItems: 9, uniqueItems: true });

/** What phones report: WGS84 from GPS, or GCJ-02 from a Chinese map SDK. */
export const FIELD_CRS_NAMES = ['WGS84', 'GCJ02'] as const;
const FieldCrs = Type.Enum(FIELD_CRS_NAMES, { default: 'WGS84' });

/**
 * `Idempotency-Key` of every field POST: the same key and body again (in sequence or at
 * once) gets the first answer (header `idempotent-replayed: true`) and creates nothing;
 * the same key with another body or endpoint is refused with 422 `idempotency-key-reused`.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' })),
});

export const FieldPointInput = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(FieldCrs),
});
export type FieldPointInput = Static<typeof FieldPointInput>;

/** WGS84 position as stored and shown. */
export const LonLat = Type.Object({ lon: Type.Number(), lat: Type.Number() });
export type LonLat = Static<typeof LonLat>;

// ── patrols (巡查) ─────────────────────────────────────────────────────────────────

export const Patrol = Type.Object({
  id: Uuid,
  userId: Type.String(),
  startedAt: DateTime,
  /** Null while the patrol is on. */
  endedAt: Nullable(DateTime),
  /** Length of the recorded track in metres. */
  distanceM: Type.Number(),
  pointCount: Type.Integer(),
});
export type Patrol = Static<typeof Patrol>;

export const StartPatrolBody = Type.Object({ startedAt: Type.Optional(DateTime) }, { additionalProperties: false });
export type StartPatrolBody = Static<typeof StartPatrolBody>;

export const EndPatrolBody = Type.Object({ endedAt: Type.Optional(DateTime) }, { additionalProperties: false });
export type EndPatrolBody = Static<typeof EndPatrolBody>;

export const TrackPointInput = Type.Object(
  {
    at: DateTime,
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    /** GPS accuracy radius in metres, as the phone reports it. */
    accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
    crs: Type.Optional(FieldCrs),
  },
  { additionalProperties: false },
);
export type TrackPointInput = Static<typeof TrackPointInput>;

/** A batch of track points; a point with the same time as a stored one of the patrol is ignored. */
export const PostTrackPointsBody = Type.Object(
  { points: Type.Array(TrackPointInput, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type PostTrackPointsBody = Static<typeof PostTrackPointsBody>;

export const PostTrackPointsResult = Type.Object({
  accepted: Type.Integer(),
  /** Points already stored (same patrol and time): a retried batch never doubles. */
  duplicates: Type.Integer(),
  patrol: Type.Optional(Patrol),
});
export type PostTrackPointsResult = Static<typeof PostTrackPointsResult>;

export const LineString = Type.Object({
  type: Type.Literal('LineString'),
  /** [lon, lat] in WGS84, in time order. */
  coordinates: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })),
});
export type LineString = Static<typeof LineString>;

export const LivePositionsQuery = Type.Object({
  regionCode: Type.Optional(RegionCode),
  gridCode: Type.Optional(GridCode),
});
export type LivePositionsQuery = Static<typeof LivePositionsQuery>;

/** The latest point of a worker on an open patrol (last 15 minutes). */
export const LivePosition = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  gridCode: Nullable(Type.String()),
  at: DateTime,
  lon: Type.Number(),
  lat: Type.Number(),
  patrolId: Uuid,
});
export type LivePosition = Static<typeof LivePosition>;

export const LivePositionList = Type.Object({ items: Type.Array(LivePosition) });
export type LivePositionList = Static<typeof LivePositionList>;

export const TracksQuery = Type.Object({
  date: Day,
  gridCode: Type.Optional(GridCode),
  regionCode: Type.Optional(RegionCode),
  userId: Type.Optional(Uuid),
});
export type TracksQuery = Static<typeof TracksQuery>;

export const TrackVisit = Type.Object({ at: DateTime, lon: Type.Number(), lat: Type.Number(), address: Type.String() });
export type TrackVisit = Static<typeof TrackVisit>;

export const PatrolTrack = Type.Object({
  patrolId: Uuid,
  userId: Type.String(),
  displayName: Type.String(),
  startedAt: DateTime,
  endedAt: Nullable(DateTime),
  distanceM: Type.Number(),
  pointCount: Type.Integer(),
  /** Grids the track passed through (in scope). */
  gridCodes: Type.Array(Type.String()),
  track: LineString,
  visits: Type.Array(TrackVisit),
});
export type PatrolTrack = Static<typeof PatrolTrack>;

export const PatrolTrackList = Type.Object({ items: Type.Array(PatrolTrack) });
export type PatrolTrackList = Static<typeof PatrolTrackList>;

// ── visits (走访) and visit plans ────────────────────────────────────────────────

export const Visit = Type.Object({
  id: Uuid,
  address: Type.String(),
  note: Type.String(),
  point: Nullable(LonLat),
  gridCode: Nullable(Type.String()),
  visitedAt: DateTime,
  patrolId: Nullable(Uuid),
  planId: Nullable(Uuid),
  userId: Type.String(),
  displayName: Type.Optional(Type.String()),
});
export type Visit = Static<typeof Visit>;

export const RecordVisitBody = Type.Object(
  {
    address: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    point: Type.Optional(FieldPointInput),
    visitedAt: Type.Optional(DateTime),
    patrolId: Type.Optional(Uuid),
    planId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type RecordVisitBody = Static<typeof RecordVisitBody>;

export const VisitListQuery = Type.Object({
  /** Only my visits. */
  mine: Type.Optional(Type.Boolean()),
  gridCode: Type.Optional(GridCode),
  date: Type.Optional(Day),
});
export type VisitListQuery = Static<typeof VisitListQuery>;

export const VisitList = Type.Object({ items: Type.Array(Visit) });
export type VisitList = Static<typeof VisitList>;

export const VisitPlan = Type.Object({
  id: Uuid,
  address: Type.String(),
  dueOn: Day,
  note: Nullable(Type.String()),
  gridCode: Type.String(),
  /** The visit that closed the plan; null while it is due. */
  visitId: Nullable(Uuid),
  doneAt: Nullable(DateTime),
});
export type VisitPlan = Static<typeof VisitPlan>;

export const CreateVisitPlanBody = Type.Object(
  {
    address: Type.String({ minLength: 1, maxLength: 200 }),
    dueOn: Day,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    gridCode: GridCode,
  },
  { additionalProperties: false },
);
export type CreateVisitPlanBody = Static<typeof CreateVisitPlanBody>;

export const VisitPlanListQuery = Type.Object({
  gridCode: Type.Optional(GridCode),
  /** Only plans not yet visited. */
  open: Type.Optional(Type.Boolean()),
});
export type VisitPlanListQuery = Static<typeof VisitPlanListQuery>;

export const VisitPlanList = Type.Object({ items: Type.Array(VisitPlan) });
export type VisitPlanList = Static<typeof VisitPlanList>;

// ── the worker's day ─────────────────────────────────────────────────────────────

export const FieldGrid = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  geometry: AreaGeometry,
});
export type FieldGrid = Static<typeof FieldGrid>;

export const FrequentMatter = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  /** How often I reported it in the last 90 days (0 for the catalog's common ones). */
  count: Type.Integer(),
});
export type FrequentMatter = Static<typeof FrequentMatter>;

export const FieldToday = Type.Object({
  /** The grids I hold a post in (or, for staff without one, none). */
  grids: Type.Array(FieldGrid),
  /** My open patrol. */
  patrol: Nullable(Patrol),
  /** Cases in my grids (or scope) waiting for on-site verification. */
  toVerify: Type.Array(CaseSummary),
  /** Cases I reported, latest 20. */
  myReports: Type.Array(CaseSummary),
  /** Open visit plans of my grids, soonest first. */
  visitsDue: Type.Array(VisitPlan),
  /** My 8 most reported matters in the last 90 days, then the catalog's common ones. */
  frequentMatters: Type.Array(FrequentMatter),
});
export type FieldToday = Static<typeof FieldToday>;

export const NearbyCasesQuery = Type.Object({
  matterCode: MatterCode,
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Optional(FieldCrs),
});
export type NearbyCasesQuery = Static<typeof NearbyCasesQuery>;

/** "Is it this one?": an open case of the same matter near where I stand. */
export const NearbyCase = Type.Object({
  code: Type.String(),
  matterCode: Type.String(),
  matterName: Type.String(),
  matterNameEn: Type.String(),
  state: Type.Enum(CASE_STATES),
  /** Truncated to 120 characters. */
  description: Type.String(),
  distanceM: Type.Number(),
  reportedAt: DateTime,
  /** Reports merged into the case beyond the first. */
  supporters: Type.Integer(),
  thumbnailUrl: Nullable(Type.String()),
});
export type NearbyCase = Static<typeof NearbyCase>;

export const NearbyCaseList = Type.Object({ items: Type.Array(NearbyCase) });
export type NearbyCaseList = Static<typeof NearbyCaseList>;

/** A photo of a case as the verifier sees it: the shared copy (no EXIF/GPS) and its thumbnail. */
export const CasePhotoRef = Type.Object({ id: Uuid, imageUrl: Type.String(), thumbnailUrl: Type.String() });
export type CasePhotoRef = Static<typeof CasePhotoRef>;

/**
 * What the verifier checks on site (核查): the case, what the report showed (its photos,
 * every merged report's too) and what the handling unit says it did (feedback text and photos).
 */
export const CaseToVerify = Type.Object({
  case: CaseSummary,
  /** Photos of the reports (上报), first report first. */
  reportPhotos: Type.Array(CasePhotoRef),
  /** The handling unit's latest feedback (处置反馈); null before any. */
  feedback: Nullable(
    Type.Object({
      text: Type.String(),
      at: DateTime,
      unit: Nullable(UnitRef),
      photos: Type.Array(CasePhotoRef),
    }),
  ),
});
export type CaseToVerify = Static<typeof CaseToVerify>;

/** "Me too": my report joins the case as a supporter (as a merged report would). */
export const SupportCaseBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    photoIds: Type.Optional(PhotoIds),
    point: Type.Optional(FieldPointInput),
  },
  { additionalProperties: false },
);
export type SupportCaseBody = Static<typeof SupportCaseBody>;

export const ActivityQuery = Type.Object({
  date: Day,
  regionCode: Type.Optional(RegionCode),
  gridCode: Type.Optional(GridCode),
});
export type ActivityQuery = Static<typeof ActivityQuery>;

/** One worker's day: patrol time and distance, reports, verifications and visits. */
export const WorkerActivity = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  patrolMinutes: Type.Number(),
  distanceM: Type.Number(),
  reports: Type.Integer(),
  verifications: Type.Integer(),
  visits: Type.Integer(),
});
export type WorkerActivity = Static<typeof WorkerActivity>;

export const WorkerActivityList = Type.Object({ items: Type.Array(WorkerActivity) });
export type WorkerActivityList = Static<typeof WorkerActivityList>;
