import { type Static, Type } from 'typebox';
import { FORM_FIELD_DATATYPES, HANDLING_LEVELS, LIMIT_CLASSES, MATTER_CATEGORIES } from './vocabulary/matters.js';

/** The matter catalog (事项清单): what can be reported, who owns it, how fast it must move. */

export const HandlingLevelSchema = Type.Enum(HANDLING_LEVELS);

/** A time limit in working time on the Chinese statutory calendar. */
export const WorkingDuration = Type.Object({
  unit: Type.Enum(['working_days', 'working_hours']),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
});
export type WorkingDuration = Static<typeof WorkingDuration>;

export const StageTimeLimits = Type.Object({
  /** 立案: from report to registration, working hours. */
  registerHours: Type.Number({ exclusiveMinimum: 0, maximum: 16 }),
  /** 派遣: from registration to dispatch, working hours. */
  dispatchHours: Type.Number({ exclusiveMinimum: 0, maximum: 16 }),
  /** 处置: from dispatch to feedback. */
  handle: WorkingDuration,
  /** 核查: from feedback to verification, working hours. */
  verifyHours: Type.Number({ exclusiveMinimum: 0, maximum: 16 }),
});
export type StageTimeLimits = Static<typeof StageTimeLimits>;

/** Like an Open311 service attribute (`variable: true`). */
export const MatterFormField = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 }),
  datatype: Type.Enum(FORM_FIELD_DATATYPES),
  required: Type.Boolean(),
  description: Type.String({ maxLength: 200 }),
  descriptionEn: Type.String({ maxLength: 200 }),
  values: Type.Optional(
    Type.Array(
      Type.Object({
        key: Type.String({ maxLength: 40 }),
        name: Type.String({ maxLength: 100 }),
        nameEn: Type.String({ maxLength: 100 }),
      }),
      { maxItems: 50 },
    ),
  ),
});
export type MatterFormField = Static<typeof MatterFormField>;

/** Automatic escalation of an overdue case one level up (community → town → city). */
export const EscalationRule = Type.Object({
  /** Working hours after the handling limit expired; 0 escalates as soon as it is overdue. */
  afterOverdueHours: Type.Number({ minimum: 0, maximum: 200 }),
});
export type EscalationRule = Static<typeof EscalationRule>;

export const Matter = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  validFrom: Type.String({ format: 'date-time' }),
  validTo: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  name: Type.String(),
  nameEn: Type.String(),
  category: Type.Enum(MATTER_CATEGORIES),
  kind: Type.Enum(['facility', 'event']),
  /** GB/T 30428 major class of the facility or event. */
  gbClass: Type.String(),
  /** Lead department (主办) first, then assisting (协办): department codes, unit `320281-${code}`. */
  ownerUnitCodes: Type.Array(Type.String()),
  handlingLevel: HandlingLevelSchema,
  limitClass: Type.Enum(LIMIT_CLASSES),
  timeLimits: StageTimeLimits,
  difficulty: Type.Integer({ minimum: 1, maximum: 5 }),
  needsOnSiteVerification: Type.Boolean(),
  /** Its cases are listed publicly (Open311 GET requests), without reporters; sensitive matters never. */
  listedPublicly: Type.Boolean(),
  duplicateRadiusMeters: Type.Number(),
  duplicateWindowHours: Type.Number(),
  pinyinInitials: Type.String(),
  keywords: Type.Array(Type.String()),
  formFields: Type.Array(MatterFormField),
  escalation: Type.Union([EscalationRule, Type.Null()]),
  active: Type.Boolean(),
});
export type Matter = Static<typeof Matter>;

export const MatterList = Type.Object({ items: Type.Array(Matter), total: Type.Integer() });
export type MatterList = Static<typeof MatterList>;

export const MatterListQuery = Type.Object({
  /** Characters of the name, pinyin initials (jgqs → 井盖缺失), a keyword, English words or the code. */
  q: Type.Optional(Type.String({ maxLength: 40 })),
  category: Type.Optional(Type.Enum(MATTER_CATEGORIES)),
  handlingLevel: Type.Optional(HandlingLevelSchema),
  /** Matters this department owns (lead or assisting), by department code ('urban'). */
  department: Type.Optional(Type.String({ maxLength: 40 })),
  /** Include retired matters (admins editing the catalog). */
  includeInactive: Type.Boolean({ default: false }),
});
export type MatterListQuery = Static<typeof MatterListQuery>;

export const MatterCodeParams = Type.Object({ code: Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' }) });

export const MatterDetail = Type.Object({ matter: Matter, history: Type.Array(Matter) });
export type MatterDetail = Static<typeof MatterDetail>;

/** An administrator's change: a new version from now on; cases opened earlier keep theirs. */
export const UpdateMatterBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    ownerUnitCodes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 8 })),
    handlingLevel: Type.Optional(HandlingLevelSchema),
    limitClass: Type.Optional(Type.Enum(LIMIT_CLASSES)),
    timeLimits: Type.Optional(StageTimeLimits),
    difficulty: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    needsOnSiteVerification: Type.Optional(Type.Boolean()),
    listedPublicly: Type.Optional(Type.Boolean()),
    duplicateRadiusMeters: Type.Optional(Type.Number({ minimum: 5, maximum: 1000 })),
    duplicateWindowHours: Type.Optional(Type.Number({ minimum: 1, maximum: 2160 })),
    pinyinInitials: Type.Optional(Type.String({ pattern: '^[a-z]+$', maxLength: 40 })),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 })),
    formFields: Type.Optional(Type.Array(MatterFormField, { maxItems: 30 })),
    escalation: Type.Optional(Type.Union([EscalationRule, Type.Null()])),
    active: Type.Optional(Type.Boolean()),
    /** Why (kept in the audit log with the change). */
    reason: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type UpdateMatterBody = Static<typeof UpdateMatterBody>;

/**
 * A new matter (version 1 from now on). The code is `PREFIX-NNNN` with the category's
 * prefix (ZZ 综合治理, MS 民生服务, AQ 公共安全, CG 城市管理, QT 其他) and is never reused.
 * Left out: time limits from the limit class, duplicates 50 m / 72 h, escalation by class.
 */
export const CreateMatterBody = Type.Object(
  {
    code: Type.String({ pattern: '^(ZZ|MS|AQ|CG|QT)-[0-9]{4}$' }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    nameEn: Type.String({ minLength: 1, maxLength: 120 }),
    category: Type.Enum(MATTER_CATEGORIES),
    kind: Type.Enum(['facility', 'event']),
    gbClass: Type.String({ minLength: 1, maxLength: 40 }),
    ownerUnitCodes: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 8 }),
    handlingLevel: HandlingLevelSchema,
    limitClass: Type.Enum(LIMIT_CLASSES),
    timeLimits: Type.Optional(StageTimeLimits),
    difficulty: Type.Integer({ minimum: 1, maximum: 5 }),
    needsOnSiteVerification: Type.Boolean(),
    /** Left out: not listed publicly (sensitive) until an administrator says so. */
    listedPublicly: Type.Optional(Type.Boolean()),
    duplicateRadiusMeters: Type.Optional(Type.Number({ minimum: 5, maximum: 1000 })),
    duplicateWindowHours: Type.Optional(Type.Number({ minimum: 1, maximum: 2160 })),
    pinyinInitials: Type.String({ pattern: '^[a-z]+$', maxLength: 40 }),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 30 })),
    formFields: Type.Optional(Type.Array(MatterFormField, { maxItems: 30 })),
    escalation: Type.Optional(Type.Union([EscalationRule, Type.Null()])),
    /** Why (kept in the audit log). */
    reason: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type CreateMatterBody = Static<typeof CreateMatterBody>;
