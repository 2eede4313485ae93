import { type Static, type TSchema, Type } from 'typebox';
import {
  ASSESSMENT_LEVELS,
  INDICATOR_IDS,
  INSPECTION_KINDS,
  type IndicatorId,
  PERIOD_KINDS,
} from './vocabulary/assessment.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const CommunityCode = Type.String({ pattern: '^[0-9]{6,12}$' });

// ── indicators ───────────────────────────────────────────────────────────────────

export const IndicatorQuery = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  period: Type.Enum(PERIOD_KINDS),
  /** A day of the period (its first day, or any day in it); default today. */
  from: Type.Optional(Day),
});
export type IndicatorQuery = Static<typeof IndicatorQuery>;

/** A rate's numerator and denominator (value null when the denominator is 0), or a count (denominator null). */
export const IndicatorValue = Type.Object({
  numerator: Type.Integer(),
  denominator: Nullable(Type.Integer()),
  value: Nullable(Type.Number()),
});
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorValues = Type.Object(
  Object.fromEntries(INDICATOR_IDS.map((id) => [id, IndicatorValue])) as Record<IndicatorId, typeof IndicatorValue>,
);
export type IndicatorValues = Static<typeof IndicatorValues>;

export const AssessmentPeriod = Type.Object({
  kind: Type.Enum(PERIOD_KINDS),
  firstDay: Day,
  from: DateTime,
  to: DateTime,
  /** What had happened by this instant is counted (now, for a period still running). */
  asOf: DateTime,
});
export type AssessmentPeriod = Static<typeof AssessmentPeriod>;

export const IndicatorRow = Type.Object({
  /** The unit's key: a user id, grid code, region code or unit id. */
  key: Type.String(),
  name: Type.String(),
  values: IndicatorValues,
});
export type IndicatorRow = Static<typeof IndicatorRow>;

export const IndicatorTable = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  period: AssessmentPeriod,
  rows: Type.Array(IndicatorRow),
});
export type IndicatorTable = Static<typeof IndicatorTable>;

// ── department and town accountability ───────────────────────────────────────────

export const AccountabilityQuery = Type.Object({
  /** YYYY-MM; default this month. */
  month: Type.Optional(Month),
});
export type AccountabilityQuery = Static<typeof AccountabilityQuery>;

export const AccountabilityRow = Type.Object({
  kind: Type.Union([Type.Literal('department'), Type.Literal('town')]),
  key: Type.String(),
  name: Type.String(),
  onTimeHandlingRate: IndicatorValue,
  /** Returns (退单) in the month, and of them those the command center rejected (推诿). */
  returns: Type.Integer(),
  rejectedReturns: Type.Integer(),
  /** Failed verifications (返工) in the month. */
  reworks: Type.Integer(),
  overdueCases: Type.Integer(),
  overdueDays: Type.Integer(),
  satisfactionRate: IndicatorValue,
});
export type AccountabilityRow = Static<typeof AccountabilityRow>;

export const ACCOUNTABILITY_REASONS = ['overdue', 'rejected-return', 'rework'] as const;
export type AccountabilityReason = (typeof ACCOUNTABILITY_REASONS)[number];

/** One case on the accountability list: why, where, and who held it. */
export const AccountableCase = Type.Object({
  caseId: Uuid,
  code: Type.String(),
  reason: Type.Enum(ACCOUNTABILITY_REASONS),
  /** Days past the due date (overdue), else 0. */
  overdueDays: Type.Integer(),
  /** Failed verifications or rejected returns in the month. */
  times: Type.Integer(),
  dueAt: Nullable(DateTime),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  townCode: Nullable(Type.String()),
  townName: Nullable(Type.String()),
  /** The person of the unit who accepted the case (held it). */
  heldByName: Nullable(Type.String()),
});
export type AccountableCase = Static<typeof AccountableCase>;

export const AccountabilityTable = Type.Object({
  month: Month,
  period: AssessmentPeriod,
  rows: Type.Array(AccountabilityRow),
  cases: Type.Array(AccountableCase),
});
export type AccountabilityTable = Static<typeof AccountabilityTable>;

// ── inspection calendar and load limits ──────────────────────────────────────────

export const InspectionBooking = Type.Object({
  id: Uuid,
  communityCode: Type.String(),
  communityName: Type.String(),
  day: Day,
  kind: Type.Enum(INSPECTION_KINDS),
  team: Type.String(),
  purpose: Type.String(),
  bookedByName: Nullable(Type.String()),
  createdAt: DateTime,
});
export type InspectionBooking = Static<typeof InspectionBooking>;

export const BookInspectionBody = Type.Object(
  {
    communityCode: CommunityCode,
    day: Day,
    kind: Type.Enum(INSPECTION_KINDS),
    team: Type.String({ minLength: 1, maxLength: 100 }),
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type BookInspectionBody = Static<typeof BookInspectionBody>;

export const InspectionCalendarQuery = Type.Object({
  /** First and last day shown (at most 62 days). */
  from: Day,
  to: Day,
  communityCode: Type.Optional(CommunityCode),
});
export type InspectionCalendarQuery = Static<typeof InspectionCalendarQuery>;

export const InspectionSettings = Type.Object({
  maxPerDay: Type.Integer({ minimum: 1, maximum: 20 }),
  maxPerWeek: Type.Integer({ minimum: 1, maximum: 50 }),
  routineSuspended: Type.Boolean(),
  suspendedReason: Nullable(Type.String({ maxLength: 200 })),
});
export type InspectionSettings = Static<typeof InspectionSettings>;

export const UpdateInspectionSettingsBody = Type.Object(
  {
    maxPerDay: Type.Integer({ minimum: 1, maximum: 20 }),
    maxPerWeek: Type.Integer({ minimum: 1, maximum: 50 }),
    routineSuspended: Type.Boolean(),
    suspendedReason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type UpdateInspectionSettingsBody = Static<typeof UpdateInspectionSettingsBody>;

export const InspectionCalendar = Type.Object({
  settings: InspectionSettings,
  items: Type.Array(InspectionBooking),
});
export type InspectionCalendar = Static<typeof InspectionCalendar>;

// ── scoring rules (考核细则) and scores ──────────────────────────────────────────

const RateIndicator = Type.Enum(INDICATOR_IDS.filter((id) => id !== 'reportCount'));
export const SCORED_EVENTS = ['rework', 'rejected-return', 'overdue', 'invalid-report'] as const;

export const ScoringRule = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('threshold'),
      indicator: RateIndicator,
      atLeast: Type.Number({ minimum: 0, maximum: 100 }),
      points: Type.Number({ minimum: 0, maximum: 1000 }),
      perPointBelow: Type.Number({ minimum: 0, maximum: 1000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('per-case'),
      event: Type.Enum(SCORED_EVENTS),
      points: Type.Number({ minimum: -1000, maximum: 1000 }),
    },
    { additionalProperties: false },
  ),
]);
export type ScoringRule = Static<typeof ScoringRule>;

export const ScoringRuleSet = Type.Object({
  /** 0: the built-in default, in force until the county saves its own. */
  version: Type.Integer(),
  rules: Type.Array(ScoringRule),
  note: Type.String(),
  createdAt: Nullable(DateTime),
});
export type ScoringRuleSet = Static<typeof ScoringRuleSet>;

export const ScoringRuleSetList = Type.Object({ current: ScoringRuleSet, versions: Type.Array(ScoringRuleSet) });
export type ScoringRuleSetList = Static<typeof ScoringRuleSetList>;

export const SaveScoringRulesBody = Type.Object(
  {
    rules: Type.Array(ScoringRule, { minItems: 1, maxItems: 50 }),
    /** Why the rules changed (kept with the version). */
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type SaveScoringRulesBody = Static<typeof SaveScoringRulesBody>;

export const ScoreQuery = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  period: Type.Enum(PERIOD_KINDS),
  from: Type.Optional(Day),
  /** Rules of this version (default: the one in force). */
  version: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
export type ScoreQuery = Static<typeof ScoreQuery>;

const LocalizedString = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });

export const ScoreLine = Type.Object({
  rule: ScoringRule,
  text: LocalizedString,
  measured: LocalizedString,
  points: Type.Number(),
  cases: Type.Array(Type.Object({ caseId: Uuid, code: Type.String(), times: Type.Integer() })),
});
export type ScoreLine = Static<typeof ScoreLine>;

export const ScoreRow = Type.Object({
  key: Type.String(),
  name: Type.String(),
  total: Type.Number(),
  lines: Type.Array(ScoreLine),
});
export type ScoreRow = Static<typeof ScoreRow>;

export const ScoreTable = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  period: AssessmentPeriod,
  version: Type.Integer(),
  rows: Type.Array(ScoreRow),
});
export type ScoreTable = Static<typeof ScoreTable>;

// ── difficulty-weighted, fair scores (item 3) ────────────────────────────────────

export const FAIR_SCORE_LEVELS = ['grid', 'worker'] as const;
export const FAIR_SCORE_LINES = ['solved-reports', 'hidden-hard-matters'] as const;

export const FairScoreQuery = Type.Object({
  level: Type.Enum(FAIR_SCORE_LEVELS),
  period: Type.Enum(PERIOD_KINDS),
  /** A day of the period; default today. */
  from: Type.Optional(Day),
});
export type FairScoreQuery = Static<typeof FairScoreQuery>;

export const FairScoreCase = Type.Object({
  caseId: Uuid,
  code: Type.String(),
  /** The case's weight from its matter (difficulty² × departments × level). */
  weight: Type.Number(),
  points: Type.Number(),
  /** The weight's formula with the matter's numbers. */
  why: LocalizedString,
});
export type FairScoreCase = Static<typeof FairScoreCase>;

export const FairScoreLine = Type.Object({
  kind: Type.Enum(FAIR_SCORE_LINES),
  text: LocalizedString,
  measured: LocalizedString,
  points: Type.Number(),
  cases: Type.Array(FairScoreCase),
});
export type FairScoreLine = Static<typeof FairScoreLine>;

export const FairScoreRow = Type.Object({
  key: Type.String(),
  name: Type.String(),
  /** Reports first filed in the period, and the rank they give (what a count-based ranking shows). */
  plainCount: Type.Integer(),
  countRank: Type.Integer(),
  total: Type.Number(),
  fairRank: Type.Integer(),
  lines: Type.Array(FairScoreLine),
});
export type FairScoreRow = Static<typeof FairScoreRow>;

export const FairScoreTable = Type.Object({
  level: Type.Enum(FAIR_SCORE_LEVELS),
  period: AssessmentPeriod,
  rows: Type.Array(FairScoreRow),
});
export type FairScoreTable = Static<typeof FairScoreTable>;
