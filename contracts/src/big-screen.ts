import { type Static, type TSchema, Type } from 'typebox';
import { CASE_CHANNELS, TIME_STATES } from './vocabulary/case-states.js';

/**
 * The big screen (大屏) of a county or town: counts, rates, rankings and the live map, built
 * for a wall. It carries no personal data: no names, phones, descriptions or addresses —
 * cases are points with a time-limit state, workers on patrol are bare positions.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
/** [lon, lat] in WGS84, rounded to about a metre. */
const LonLat = Type.Tuple([Type.Number(), Type.Number()]);

export const BigScreenCounts = Type.Object({
  reported: Count,
  registered: Count,
  closed: Count,
  /** Cases whose time limit ran out in the period (the timer's red). */
  overdue: Count,
});
export type BigScreenCounts = Static<typeof BigScreenCounts>;

/** A rate over its cases: value null when nothing counts yet. */
export const BigScreenRate = Type.Object({
  numerator: Count,
  denominator: Count,
  value: Nullable(Type.Number()),
});
export type BigScreenRate = Static<typeof BigScreenRate>;

export const BigScreen = Type.Object({
  region: Type.Object({
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    level: Type.String(),
  }),
  generatedAt: Type.String({ format: 'date-time' }),
  /** The China day counted as today, YYYY-MM-DD. */
  today: Type.String(),
  counts: Type.Object({ today: BigScreenCounts, month: BigScreenCounts }),
  /** Open cases now, by time-limit state. */
  open: Type.Object({ total: Count, normal: Count, warning: Count, overdue: Count }),
  /** Reports of the last 30 days by channel. */
  channels: Type.Array(Type.Object({ channel: Type.Enum(CASE_CHANNELS), count: Count })),
  /** The matters reported most in the last 30 days. */
  topMatters: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), count: Count }),
  ),
  /** The grids with most cases in the last 30 days. */
  hotSpots: Type.Array(Type.Object({ gridCode: Type.String(), name: Type.String(), count: Count })),
  /** This month's three 12345 rates of the scope (响应率, 解决率, 满意率, the assessment's formulas). */
  rates: Type.Object({ response: BigScreenRate, resolution: BigScreenRate, satisfaction: BigScreenRate }),
  /** Departments with cases due this month: on-time closure and closure rates (the assessment's formulas). */
  departments: Type.Array(
    Type.Object({ key: Type.String(), name: Type.String(), onTimeClosure: BigScreenRate, closure: BigScreenRate }),
  ),
  /** The last 30 China days, oldest first. */
  trend: Type.Array(Type.Object({ day: Type.String(), reported: Count, closed: Count })),
  map: Type.Object({
    /** Open cases as bare points with their time-limit state (at most 20 000). */
    openCases: Type.Array(Type.Object({ at: LonLat, timeState: Type.Enum(TIME_STATES) })),
    /** Where cases were reported in the last 30 days (at most 20 000 points). */
    heat: Type.Array(LonLat),
    /** Workers on patrol now: positions only (each view audited). */
    patrols: Type.Array(LonLat),
  }),
});
export type BigScreen = Static<typeof BigScreen>;

/** The grids of the scope, drawn once when the screen opens (outlines only). */
export const BigScreenGrids = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      properties: Type.Object({ code: Type.String(), level: Type.Integer() }),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Array(Type.Unknown()) }),
    }),
  ),
});
export type BigScreenGrids = Static<typeof BigScreenGrids>;
