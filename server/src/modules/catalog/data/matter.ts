import type {
  EventClass,
  FacilityClass,
  FormFieldDatatype,
  HandlingLevel,
  LimitClass,
  MatterCategory,
} from '@yiwang/contracts';
import type { WorkingDuration } from '@yiwang/contracts';

// The catalog's words (levels, categories, classes, datatypes) are the shared vocabulary's.
export {
  EVENT_CLASS_LABELS,
  EVENT_CLASSES,
  type EventClass,
  FACILITY_CLASS_LABELS,
  FACILITY_CLASSES,
  type FacilityClass,
  type FormFieldDatatype,
  LIMIT_CLASSES,
  type LimitClass,
} from '@yiwang/contracts';

/**
 * The 24 departments the catalog names by code (units `320281-${code}`). The demo county
 * creates exactly these (its list is checked against this one where it is written).
 */
export const DEPARTMENT_CODES = [
  'police',
  'urban',
  'housing',
  'environment',
  'market',
  'emergency',
  'transport',
  'water',
  'planning',
  'health',
  'civil',
  'hrss',
  'education',
  'agriculture',
  'fire',
  'power',
  'watersupply',
  'gas',
  'culture',
  'commerce',
  'justice',
  'petition',
  'veterans',
  'medinsurance',
] as const;
/** A department's code, e.g. 'urban' (its unit code is `320281-urban`). */
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];

/** Stage limits, all in working time (see cases/domain/work-calendar.ts). */
export interface StageTimeLimits {
  /** 立案: from report to registration. */
  readonly registerHours: number;
  /** 派遣: from registration to dispatch. */
  readonly dispatchHours: number;
  /** 处置: from dispatch to feedback. */
  readonly handle: WorkingDuration;
  /** 核查: from feedback to verification. */
  readonly verifyHours: number;
}

export interface FormFieldValue {
  readonly key: string;
  readonly name: string;
  readonly nameEn: string;
}

/**
 * One extra question on the report form, shaped like an Open311 service attribute
 * (`variable: true`; its `order` is its position in the list, from 1).
 */
export interface FormField {
  readonly code: string;
  readonly datatype: FormFieldDatatype;
  readonly required: boolean;
  /** zh-CN, shown to the reporter. */
  readonly description: string;
  readonly descriptionEn: string;
  /** Only for the two list datatypes. */
  readonly values?: readonly FormFieldValue[];
}

/** 1 (easy: 暴露垃圾) … 5 (hard: 违章搭建, 群租房). Assessment weights cases by it. */
export type Difficulty = 1 | 2 | 3 | 4 | 5;

interface MatterBase {
  /** Stable: category prefix and a 4-digit number, e.g. 'CG-0101'. Cases keep it forever. */
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly category: MatterCategory;
  /** Responsible departments, lead (主办) first, then assisting (协办). */
  readonly ownerUnitCodes: readonly DepartmentCode[];
  /** Whose command center registers and dispatches it. */
  readonly handlingLevel: HandlingLevel;
  readonly limitClass: LimitClass;
  readonly timeLimits: StageTimeLimits;
  readonly difficulty: Difficulty;
  /** Only a check on site (grid worker, patroller, supervisor) may close it. */
  readonly needsOnSiteVerification: boolean;
  /**
   * Whether its cases are listed publicly (Open311 GET requests, media): never for matters
   * about people, disputes or security. See `listedPubliclyBySeedRule`.
   */
  readonly listedPublicly: boolean;
  /** Duplicate detection (并单): how far apart and how long apart two reports may be. */
  readonly duplicateRadiusMeters: number;
  readonly duplicateWindowHours: number;
  /** First letters of the name's pinyin, for search from a phone keyboard: 井盖缺失 → 'jgqs'. */
  readonly pinyinInitials: string;
  /** Other words people use for it. */
  readonly keywords: readonly string[];
  readonly formFields: readonly FormField[];
}

export type Matter = MatterBase &
  (
    | { readonly kind: 'facility'; readonly gbClass: FacilityClass }
    | { readonly kind: 'event'; readonly gbClass: EventClass }
  );
