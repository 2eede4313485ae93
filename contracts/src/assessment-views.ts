import { type Static, Type } from 'typebox';
import { AssessmentPeriod, FairScoreRow, IndicatorValue, ScoreRow } from './assessment.js';
import { ASSESSMENT_LEVELS, FLAG_KINDS, FLAG_LEVELS, INDICATOR_IDS, PERIOD_KINDS } from './vocabulary/assessment.js';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

// ── drill-down: the cases behind one number ──────────────────────────────────────

export const IndicatorCasesQuery = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  /** The unit's key as the indicator table gives it (user id, grid code, region code, unit id). */
  key: Type.String({ minLength: 1, maxLength: 100 }),
  indicator: Type.Enum(INDICATOR_IDS),
  period: Type.Enum(PERIOD_KINDS),
  from: Type.Optional(Day),
  /** One page of the cases: at most this many. */
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  /** The page after the one whose `nextAfter` this is (keyset: the list's order is stable). */
  after: Type.Optional(Type.String({ pattern: '^[01]:.{1,40}$' })),
});
export type IndicatorCasesQuery = Static<typeof IndicatorCasesQuery>;

export const IndicatorCase = Type.Object({
  code: Type.String(),
  state: Type.String(),
  description: Type.String(),
  reportedAt: Type.String({ format: 'date-time' }),
  /** What the case adds: to the numerator, to the denominator (once each it counts). */
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  /** It counts against the indicator (missed a higher-is-better rate, or in a lower-is-better numerator). */
  against: Type.Boolean(),
});
export type IndicatorCase = Static<typeof IndicatorCase>;

export const IndicatorCases = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  key: Type.String(),
  indicator: Type.Enum(INDICATOR_IDS),
  period: AssessmentPeriod,
  value: IndicatorValue,
  /** How many cases count in all pages together. */
  total: Type.Integer(),
  /** This page's cases, those counting against the indicator first, then by code. */
  cases: Type.Array(IndicatorCase),
  /** Where the next page starts (absent on the last page). */
  nextAfter: Type.Optional(Type.String()),
});
export type IndicatorCases = Static<typeof IndicatorCases>;

// ── trends: one indicator over the last periods, per unit ────────────────────────

export const IndicatorTrendQuery = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  indicator: Type.Enum(INDICATOR_IDS),
  period: Type.Enum(PERIOD_KINDS),
  /** A day of the last period shown; default today. */
  from: Type.Optional(Day),
  /** How many periods, the last one included (2–12, default 6). */
  count: Type.Optional(Type.Integer({ minimum: 2, maximum: 12 })),
});
export type IndicatorTrendQuery = Static<typeof IndicatorTrendQuery>;

export const IndicatorTrend = Type.Object({
  level: Type.Enum(ASSESSMENT_LEVELS),
  indicator: Type.Enum(INDICATOR_IDS),
  /** Oldest first. */
  periods: Type.Array(AssessmentPeriod),
  /** Ranked by the last period's value (best first by the indicator's direction; no value last). */
  series: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      /** Rank in the last period (competition ranks); null without a value. */
      rank: Type.Union([Type.Integer(), Type.Null()]),
      /** One per period, oldest first. */
      values: Type.Array(IndicatorValue),
    }),
  ),
});
export type IndicatorTrend = Static<typeof IndicatorTrend>;

// ── a grid worker's own scores ───────────────────────────────────────────────────

export const MyScoresQuery = Type.Object({
  period: Type.Enum(PERIOD_KINDS),
  from: Type.Optional(Day),
});
export type MyScoresQuery = Static<typeof MyScoresQuery>;

export const MyScores = Type.Object({
  period: AssessmentPeriod,
  /** The scoring rules' version the score was computed under. */
  version: Type.Integer(),
  /** Null when nothing of mine counted in the period. */
  score: Type.Union([ScoreRow, Type.Null()]),
  fair: Type.Union([FairScoreRow, Type.Null()]),
});
export type MyScores = Static<typeof MyScores>;

// ── detection: flags of hidden and padded reporting ──────────────────────────────

export const FlagsQuery = Type.Object({
  period: Type.Enum(PERIOD_KINDS),
  /** Only the flags about this level (grids, grid workers, departments, inspectors); default all. */
  level: Type.Optional(Type.Enum(FLAG_LEVELS)),
  /** A day of the period; default today. */
  from: Type.Optional(Day),
});
export type FlagsQuery = Static<typeof FlagsQuery>;

export const DetectionFlag = Type.Object({
  kind: Type.Enum(FLAG_KINDS),
  level: Type.Enum(FLAG_LEVELS),
  /** Grid code, user id or unit id. */
  key: Type.String(),
  name: Type.String(),
  /** The grid the flag is about (a grid's own flag, or the grid of a worker's cases). */
  gridCode: Type.Union([Type.String(), Type.Null()]),
  gridName: Type.Union([Type.String(), Type.Null()]),
  /** Why, in plain words with the numbers. */
  explanation: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }),
  /** The measure that crossed the line (a tail probability, a share, a robust z, a count). */
  measure: Type.Number(),
  /** The cases behind the flag. */
  cases: Type.Array(Type.Object({ caseId: Type.Union([Type.String(), Type.Null()]), code: Type.String() })),
});
export type DetectionFlag = Static<typeof DetectionFlag>;

export const DetectionFlags = Type.Object({
  period: AssessmentPeriod,
  flags: Type.Array(DetectionFlag),
});
export type DetectionFlags = Static<typeof DetectionFlags>;
