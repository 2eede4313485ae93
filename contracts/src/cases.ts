import { type Static, type TSchema, Type } from 'typebox';
import { HandlingLevelSchema, MatterFormField } from './catalog.js';
import { Offset } from './common.js';
import { CRS_NAMES } from './grids.js';
import { CASE_QUEUES } from './vocabulary/case-queues.js';
import { CASE_CHANNELS, CASE_STATES, CLOCK_STAGES, RATINGS, TIME_STATES } from './vocabulary/case-states.js';
import { MATTER_CATEGORIES } from './vocabulary/matters.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const CaseCodeParams = Type.Object({ code: Type.String({ pattern: '^YW[0-9]{8}-[0-9]{6,}$' }) });

export const PointInput = Type.Object({
  lon: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  crs: Type.Enum(CRS_NAMES, { default: 'WGS84' }),
});
export type PointInput = Static<typeof PointInput>;

/** Answers to the matter's form fields, by field code. */
export const FormAnswers = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
  Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Array(Type.String({ maxLength: 100 }))]),
);
export type FormAnswers = Static<typeof FormAnswers>;

/**
 * A report from the desk, the resident portal or the worker app. Give a point (the grid
 * is found from it) or only an address for the operator to place on the map later.
 */
export const ReportCaseBody = Type.Object(
  {
    matterCode: Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' }),
    description: Text(2000),
    point: Type.Optional(PointInput),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    /** Defaults from the caller's role: residents 'resident', desks 'desk', field staff 'worker'. */
    channel: Type.Optional(Type.Enum(['desk', 'resident', 'worker'])),
    /** The caller or visitor at the desk; residents and staff report as themselves. */
    reporter: Type.Optional(
      Type.Object({
        name: Type.Optional(Type.String({ maxLength: 60 })),
        phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
        /** Hide who reported from handlers and the public. */
        anonymous: Type.Optional(Type.Boolean()),
      }),
    ),
    photoIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9, uniqueItems: true })),
    formAnswers: Type.Optional(FormAnswers),
  },
  { additionalProperties: false },
);
export type ReportCaseBody = Static<typeof ReportCaseBody>;

export const UnitRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
export type UnitRef = Static<typeof UnitRef>;

export const CaseSummary = Type.Object({
  code: Type.String(),
  state: Type.Enum(CASE_STATES),
  matter: Type.Object({ code: Type.String(), version: Type.Integer(), name: Type.String(), nameEn: Type.String() }),
  level: HandlingLevelSchema,
  regionCode: Type.String(),
  /** The region's name: people read names, the code is a secondary detail. */
  regionName: Type.String(),
  regionNameEn: Type.String(),
  gridCode: Nullable(Type.String()),
  /** Null when the case is not on the map (or its grid has been retired: then only the code is known). */
  gridName: Nullable(Type.String()),
  gridNameEn: Nullable(Type.String()),
  /** WGS84; null until the case is placed on the map. */
  location: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  address: Nullable(Type.String()),
  description: Type.String(),
  channel: Type.Enum(CASE_CHANNELS),
  commandUnit: UnitRef,
  assignedUnit: Nullable(UnitRef),
  stage: Nullable(Type.Enum(CLOCK_STAGES)),
  stageDueAt: Nullable(DateTime),
  timeState: Type.Enum(TIME_STATES),
  handleDueAt: Nullable(DateTime),
  /** Reports merged into the case beyond the first ("me too"). */
  supporterCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: Nullable(DateTime),
  archivedAt: Nullable(DateTime),
  /** Optimistic-concurrency version; send it back as `If-Match` with a command. */
  version: Type.Integer(),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const CaseList = Type.Object({
  items: Type.Array(CaseSummary),
  /** How many cases match, counted up to a cap (10 000): see totalCapped. */
  total: Type.Integer(),
  /** More cases match than `total` (the count stopped at its cap). */
  totalCapped: Type.Optional(Type.Boolean()),
});
export type CaseList = Static<typeof CaseList>;

export const CaseListQuery = Type.Object({
  state: Type.Optional(Type.Array(Type.Enum(CASE_STATES), { maxItems: 11 })),
  level: Type.Optional(HandlingLevelSchema),
  /** A grid at any level: its cases and those of the grids below it. */
  gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,20}$' })),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
  matterCode: Type.Optional(Type.String({ maxLength: 10 })),
  timeState: Type.Optional(Type.Enum(TIME_STATES)),
  channel: Type.Optional(Type.Enum(CASE_CHANNELS)),
  /** Words in the description or address, or a case code. */
  q: Type.Optional(Type.String({ maxLength: 60 })),
  /** 'unit': cases with my unit (assigned, assisting or summoned); 'command': my command unit's queue. */
  inbox: Type.Optional(Type.Enum(['unit', 'command'])),
  /** One of the caller's work queues (GET /case-queues): 403 for a queue the caller's roles do not have. */
  queue: Type.Optional(Type.Enum(CASE_QUEUES)),
  /** Only open cases (not voided, rated or archived). */
  open: Type.Optional(Type.Boolean()),
  /** Reported at or after this instant. */
  reportedFrom: Type.Optional(DateTime),
  /** Reported before this instant. */
  reportedTo: Type.Optional(DateTime),
  /** Closed (handled and checked: closed, rated, archived; not voided) at or after this instant. */
  closedFrom: Type.Optional(DateTime),
  /** Only reported cases for which the case page suggests a possible duplicate (the workbench's 疑似重复). */
  possibleDuplicate: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Offset,
});
export type CaseListQuery = Static<typeof CaseListQuery>;

/** The list's filters without paging: an export holds every matching case (up to the server's cap). */
export const CaseExportQuery = Type.Omit(CaseListQuery, ['limit', 'offset']);
export type CaseExportQuery = Static<typeof CaseExportQuery>;

export const CaseReport = Type.Object({
  id: Type.String(),
  channel: Type.Enum(CASE_CHANNELS),
  /** Null when the report is anonymous to the viewer. */
  reporterName: Nullable(Type.String()),
  /** Masked (138****5678); the full number only through the audited reveal. */
  reporterPhone: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  /** The viewer reported this one. */
  mine: Type.Boolean(),
  description: Type.String(),
  location: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
  address: Nullable(Type.String()),
  photoIds: Type.Array(Type.String()),
  formAnswers: FormAnswers,
  externalId: Nullable(Type.String()),
  createdAt: DateTime,
});
export type CaseReport = Static<typeof CaseReport>;

export const TimelineEntry = Type.Object({
  type: Type.String(),
  at: DateTime,
  actorUserId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorUnitId: Nullable(Type.String()),
  fromState: Type.Enum(CASE_STATES),
  toState: Type.Enum(CASE_STATES),
  details: Type.Unknown(),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const DuplicateSuggestion = Type.Object({
  caseCode: Type.String(),
  matterCode: Type.String(),
  state: Type.Enum(CASE_STATES),
  confidence: Type.Enum(['confident', 'possible']),
  distanceMeters: Type.Number(),
  hoursApart: Type.Number(),
  description: Type.String(),
});
export type DuplicateSuggestion = Static<typeof DuplicateSuggestion>;

export const RoutingSuggestion = Type.Object({
  ok: Type.Boolean(),
  unit: Nullable(UnitRef),
  person: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })),
  ruleCode: Nullable(Type.String()),
  via: Nullable(Type.Enum(['rule', 'fallback'])),
  /** Why, in the caller's language. */
  reason: Type.String(),
});
export type RoutingSuggestion = Static<typeof RoutingSuggestion>;

/** The workflow facts beyond the summary: due dates, return, hold, extensions, whistle, feedback, ratings, counters. */
export const CaseWorkflow = Type.Object({
  handleDueAt: Nullable(DateTime),
  assistingUnitIds: Type.Array(Type.String()),
  pendingReturn: Nullable(Type.Object({ unitId: Type.String(), reason: Type.String(), at: DateTime })),
  hold: Nullable(
    Type.Object({
      fromState: Type.String(),
      reason: Type.String(),
      since: DateTime,
      /** When to look at it again; null on holds made before review dates were asked for. */
      reviewAt: Nullable(DateTime),
    }),
  ),
  extensions: Type.Array(
    Type.Object({
      requestedAt: DateTime,
      extra: Type.Object({ unit: Type.String(), amount: Type.Number() }),
      reason: Type.String(),
      status: Type.Enum(['pending', 'approved', 'rejected', 'withdrawn']),
      newDueAt: Nullable(DateTime),
    }),
  ),
  whistle: Nullable(
    Type.Object({
      blownAt: DateTime,
      units: Type.Array(
        Type.Object({
          unitId: Type.String(),
          arriveBy: DateTime,
          arrivedAt: Nullable(DateTime),
          part: Nullable(Type.String()),
        }),
      ),
    }),
  ),
  feedback: Nullable(Type.Object({ text: Type.String(), photoIds: Type.Array(Type.String()), at: DateTime })),
  ratings: Type.Array(
    Type.Object({
      rating: Type.Enum(RATINGS),
      unitAtFault: Nullable(Type.Boolean()),
      comment: Nullable(Type.String()),
      at: DateTime,
      /** Another reporter's rating after the case was rated (并单): counted, settles nothing. */
      additional: Type.Boolean(),
    }),
  ),
  voidReason: Nullable(Type.String()),
  duplicateOfCaseId: Nullable(Type.String()),
  supervisionCount: Type.Integer(),
  reworkCount: Type.Integer(),
  returnCount: Type.Integer(),
  redispatchCount: Type.Integer(),
  dissatisfiedReopenCount: Type.Integer(),
  escalationCount: Type.Integer(),
});

export const CaseDetail = Type.Object({
  case: CaseSummary,
  workflow: CaseWorkflow,
  units: Type.Array(UnitRef),
  reports: Type.Array(CaseReport),
  timeline: Type.Array(TimelineEntry),
  duplicateSuggestions: Type.Array(DuplicateSuggestion),
  /** For cases waiting for dispatch: where 六定 routing would send it, and why. */
  routing: Nullable(RoutingSuggestion),
  /**
   * The questions of the matter version the case runs under, so the reports' answers read as
   * question → answer in words (their choices named), not as field and option codes.
   */
  matterForm: Type.Array(MatterFormField),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const IntakeResult = Type.Object({
  /** 'merged': the report joined an open case of the same matter nearby (并单). */
  outcome: Type.Enum(['created', 'merged']),
  case: CaseSummary,
  reportId: Type.String(),
  /** With the case code, lets the reporter (or whom they tell) follow the case without signing in (GET /api/public/cases/{code}?key=…). */
  followKey: Type.Optional(Type.String()),
  /** Possible duplicates for the operator to merge or keep apart (desk and staff only). */
  duplicateSuggestions: Type.Array(DuplicateSuggestion),
});
export type IntakeResult = Static<typeof IntakeResult>;

const Duration = Type.Object({
  unit: Type.Enum(['working_days', 'working_hours']),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
});
const UnitId = Type.String({ format: 'uuid' });
const PhotoIds = Type.Array(Type.String({ format: 'uuid' }), { maxItems: 9, uniqueItems: true });
// No additionalProperties: false here: with it, the validator's removeAdditional would strip
// the fields of one variant while it tries another of the union.
const command = <T extends string, P extends Record<string, TSchema>>(type: T, properties: P) =>
  Type.Object({ type: Type.Literal(type), ...properties });

/**
 * A workflow command. Due dates are optional: left out, the server computes them from the
 * matter's time limits on the work calendar (dispatch, redispatch, rework, reopening,
 * resume after hold, approved extension).
 */
export const CaseCommandBody = Type.Union([
  command('register', { matterCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' })) }),
  command('void', { reason: Text(500), duplicateOfCaseCode: Type.Optional(Type.String({ maxLength: 30 })) }),
  command('dispatch', {
    unitId: UnitId,
    assistingUnitIds: Type.Optional(Type.Array(UnitId, { maxItems: 8 })),
    handleDueAt: Type.Optional(DateTime),
  }),
  command('accept', {}),
  command('return', { reason: Text(500) }),
  command('review_return', {
    decision: Type.Enum(['uphold', 'reject']),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  command('redispatch', {
    unitId: UnitId,
    reason: Text(500),
    assistingUnitIds: Type.Optional(Type.Array(UnitId, { maxItems: 8 })),
    handleDueAt: Type.Optional(DateTime),
  }),
  command('submit_feedback', { text: Text(2000), photoIds: Type.Optional(PhotoIds) }),
  command('verify_pass', { note: Type.Optional(Type.String({ maxLength: 500 })), photoIds: Type.Optional(PhotoIds) }),
  command('verify_fail', { reason: Text(500), handleDueAt: Type.Optional(DateTime) }),
  command('rate', {
    rating: Type.Enum(RATINGS),
    unitAtFault: Type.Optional(Type.Boolean()),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    handleDueAt: Type.Optional(DateTime),
  }),
  command('archive', {}),
  command('hold', {
    reason: Text(500),
    /**
     * When to look at the case again (挂账复查): it comes back to the 挂账到期 queue then. Needed;
     * left open in the schema so that a missing, unreadable or past date gets the hold's own
     * message (422) rather than a generic field problem.
     */
    reviewAt: Type.Optional(Type.String({ maxLength: 40 })),
  }),
  command('resume', {}),
  command('request_extension', { extra: Duration, reason: Text(500) }),
  command('approve_extension', {
    newDueAt: Type.Optional(DateTime),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  command('reject_extension', { note: Text(500) }),
  command('supervise', { note: Type.Optional(Type.String({ maxLength: 500 })) }),
  command('escalate', { reason: Text(500) }),
  command('whistle', {
    unitIds: Type.Array(UnitId, { minItems: 1, maxItems: 12, uniqueItems: true }),
    /** Default: 30 minutes from now (街乡吹哨、部门报到). */
    arriveBy: Type.Optional(DateTime),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  command('report_arrival', {}),
  command('record_part', { text: Text(2000) }),
]);
export type CaseCommandBody = Static<typeof CaseCommandBody>;

export const CommandResult = Type.Object({ case: CaseSummary, events: Type.Array(TimelineEntry) });
export type CommandResult = Static<typeof CommandResult>;

/** The caller's work queues with the number of cases in each, in the caller's scope (工作台). */
export const CaseQueueCounts = Type.Object({
  items: Type.Array(Type.Object({ queue: Type.Enum(CASE_QUEUES), count: Type.Integer() })),
  /**
   * Of the intake queue, the cases with a possible duplicate (疑似重复): the list
   * `queue=intake&possibleDuplicate=true`. Only on a desk with the intake queue.
   */
  possibleDuplicates: Type.Optional(Type.Integer()),
});
export type CaseQueueCounts = Static<typeof CaseQueueCounts>;

/**
 * The live counts of the cases in the caller's scope (the workbench's and the big screen's
 * numbers): no names, no descriptions. Each number is a case list's filter (GET /cases).
 */
export const CaseOverview = Type.Object({
  /** The China day (UTC+8) the day's counts are of. */
  day: Type.String({ format: 'date' }),
  /** Where the day starts, as an instant (the list filter `reportedFrom` / `closedFrom`). */
  dayStart: DateTime,
  /** Open cases per state (states without a case are left out). */
  byState: Type.Array(Type.Object({ state: Type.Enum(CASE_STATES), count: Type.Integer() })),
  open: Type.Integer(),
  /** Open cases past the warning share of their limit (yellow) and past it (red): `timeState` + `open`. */
  warning: Type.Integer(),
  overdue: Type.Integer(),
  reportedToday: Type.Integer(),
  closedToday: Type.Integer(),
});
export type CaseOverview = Static<typeof CaseOverview>;

/** Open cases as map points (no names, no descriptions), coloured by their time state. */
export const CasePoints = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      state: Type.Enum(CASE_STATES),
      timeState: Type.Enum(TIME_STATES),
    }),
  ),
  /** More open cases have a point than were sent (the newest `limit` are). */
  truncated: Type.Boolean(),
});
export type CasePoints = Static<typeof CasePoints>;
export const CasePointsQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 20_000, default: 20_000 }),
});

export const SupervisionQuery = Type.Object({
  level: Type.Optional(HandlingLevelSchema),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
});
export const SupervisionExportQuery = Type.Omit(SupervisionQuery, ['limit']);
/**
 * The supervision list: cases past the warning share of their limit (yellow) and overdue (red),
 * and the open cases someone supervised by hand (the timer's own 督办 of overdue cases is in red).
 */
export const SupervisionList = Type.Object({
  warning: Type.Array(CaseSummary),
  overdue: Type.Array(CaseSummary),
  supervised: Type.Array(CaseSummary),
  counts: Type.Object({ warning: Type.Integer(), overdue: Type.Integer(), supervised: Type.Integer() }),
  /** The counts that stopped at their cap (10 000): more cases are in them. */
  countsCapped: Type.Optional(Type.Array(Type.Enum(['warning', 'overdue', 'supervised']))),
});
export type SupervisionList = Static<typeof SupervisionList>;

export const MergeCaseBody = Type.Object(
  { intoCaseCode: Type.String({ pattern: '^YW[0-9]{8}-[0-9]{6,}$' }) },
  { additionalProperties: false },
);
export const KeepApartBody = Type.Object(
  { caseCode: Type.String({ pattern: '^YW[0-9]{8}-[0-9]{6,}$' }) },
  { additionalProperties: false },
);
export const PlaceCaseBody = Type.Object(
  { point: PointInput, address: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export const RevealPhoneBody = Type.Object(
  { purpose: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export const RevealPhoneResult = Type.Object({ phone: Type.String() });

export const RoutingRuleView = Type.Object({
  code: Type.String(),
  position: Type.Integer(),
  matter: Type.Union([
    Type.Object({ matterCode: Type.String() }),
    Type.Object({ matterCategory: Type.String() }),
    Type.Literal('*'),
  ]),
  place: Type.Union([
    Type.Object({ regionPathPrefix: Type.String(), regionCode: Type.String() }),
    Type.Object({ gridCode: Type.String() }),
    Type.Literal('*'),
  ]),
  unit: UnitRef,
  postId: Nullable(Type.String()),
  personUserId: Nullable(Type.String()),
  /** The place, post and person by name in the caller's language (null: anywhere / none; a retired grid: its code). */
  placeName: Nullable(Type.String()),
  postName: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  /** The caller may change it: its place lies within the caller's data scope. */
  editable: Type.Boolean(),
});
export type RoutingRuleView = Static<typeof RoutingRuleView>;
export const RoutingRuleList = Type.Object({ items: Type.Array(RoutingRuleView), total: Type.Integer() });
export type RoutingRuleList = Static<typeof RoutingRuleList>;

export const RoutingRuleCodeParams = Type.Object({ code: Type.String({ pattern: '^R[0-9]{4,}$' }) });
const RuleCode = Type.String({ pattern: '^R[0-9]{4,}$' });

/**
 * A 六定 dispatch rule as an operator writes it: which matters (one, a category or any) in
 * which place (a region and what lies below it, one grid, or the whole county) go to which
 * unit, and optionally to a post (its A/B holder) or a person. First match wins.
 */
export const RoutingRuleBody = Type.Object(
  {
    matter: Type.Union([
      Type.Object({ matterCode: Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' }) }),
      Type.Object({ matterCategory: Type.Enum(MATTER_CATEGORIES) }),
      Type.Literal('*'),
    ]),
    place: Type.Union([
      Type.Object({ regionCode: Type.String({ pattern: '^[0-9]{6,12}$' }) }),
      Type.Object({ gridCode: Type.String({ pattern: '^[0-9]{6,20}$' }) }),
      Type.Literal('*'),
    ]),
    unitId: Type.String({ format: 'uuid' }),
    postId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    personUserId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);
export type RoutingRuleBody = Static<typeof RoutingRuleBody>;

/** A new rule; `before` places it above that rule, left out or null at the end. */
export const CreateRoutingRuleBody = Type.Object(
  { ...RoutingRuleBody.properties, before: Type.Optional(Nullable(RuleCode)) },
  { additionalProperties: false },
);
export type CreateRoutingRuleBody = Static<typeof CreateRoutingRuleBody>;

/** Moves a rule just above `before` (null: to the end). */
export const MoveRoutingRuleBody = Type.Object({ before: Nullable(RuleCode) }, { additionalProperties: false });

/** "Which rule would take this?": a matter and a point, as a case would arrive. */
export const TestRoutingBody = Type.Object(
  { matterCode: Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' }), point: PointInput },
  { additionalProperties: false },
);
export type TestRoutingBody = Static<typeof TestRoutingBody>;

export const TestRoutingResult = Type.Object({
  matter: Type.Object({
    code: Type.String(),
    name: Type.String(),
    category: Type.String(),
    level: HandlingLevelSchema,
  }),
  /** Where the point lies, named in the caller's language (codes as secondary detail). */
  place: Type.Object({
    gridCode: Nullable(Type.String()),
    gridName: Nullable(Type.String()),
    regionCode: Type.String(),
    regionName: Type.String(),
    regionPath: Type.String(),
  }),
  /** The unit, person, matched rule (or fallback) and why, as the dispatch dialog shows it. */
  routing: RoutingSuggestion,
  /** The matched rule, if any. */
  rule: Nullable(RoutingRuleView),
  /** Rules above the match (or all, with none) for the same matter whose place does not contain the point. */
  passedOver: Type.Array(RoutingRuleView),
});
export type TestRoutingResult = Static<typeof TestRoutingResult>;
