import { type Static, Type } from 'typebox';
import { AssessmentPeriod } from './assessment.js';
import { PERIOD_KINDS } from './vocabulary/assessment.js';

/**
 * Flags of hidden and padded reporting (issue 12 item 4): each detector's finding on a grid,
 * a grid worker, a department or an inspector, the evidence in words, and the cases behind it.
 */
export const FLAG_KINDS = [
  'hidden-hard',
  'low-share',
  'padding-burst',
  'department-delay',
  'inspection-gap',
  'rubber-stamp',
] as const;
export type FlagKindName = (typeof FLAG_KINDS)[number];
export const FLAG_SUBJECT_KINDS = ['grid', 'worker', 'unit', 'inspector'] as const;

export const FlagQuery = Type.Object({
  period: Type.Enum(PERIOD_KINDS),
  /** A day of the period; default today. */
  from: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })),
  /** Only the flags pointing at this grid. */
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,20}$' })),
});
export type FlagQuery = Static<typeof FlagQuery>;

export const AssessmentFlag = Type.Object({
  /** Stable within a period: kind + subject. */
  id: Type.String(),
  kind: Type.Enum(FLAG_KINDS),
  subjectKind: Type.Enum(FLAG_SUBJECT_KINDS),
  /** Grid code, user id or unit id. */
  subject: Type.String(),
  subjectName: Type.String(),
  /** The grid the flag points at (a worker's: where most of the cases are); null for a department. */
  gridCode: Type.Union([Type.String(), Type.Null()]),
  gridName: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }),
  numbers: Type.Record(Type.String(), Type.Number()),
  caseCodes: Type.Array(Type.String()),
});
export type AssessmentFlag = Static<typeof AssessmentFlag>;

export const FlagList = Type.Object({
  period: AssessmentPeriod,
  flags: Type.Array(AssessmentFlag),
});
export type FlagList = Static<typeof FlagList>;
