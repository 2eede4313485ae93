import type { HandlingLevel, LocalizedText, MatterCategory } from '../../cases/domain/types.js';
import type { WorkingDuration } from '../../cases/domain/work-calendar.js';
// Type-only: the catalog names departments by the codes the demo county creates
// (units `320281-${code}`), without loading the demo loader at run time.
import type { DEMO_DEPARTMENTS } from '../../demo/load-demo-county.js';

/** A department's code, e.g. 'urban' (its unit code is `320281-urban`). */
export type DepartmentCode = (typeof DEMO_DEPARTMENTS)[number][0];

/**
 * The 24 department codes at run time. The compiler keeps this list equal to the demo
 * county's departments: a code missing here or unknown there fails to typecheck.
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
] as const satisfies readonly DepartmentCode[];
type MissingDepartment = Exclude<DepartmentCode, (typeof DEPARTMENT_CODES)[number]>;
const allDepartmentsListed: [MissingDepartment] extends [never] ? true : MissingDepartment = true;
void allDepartmentsListed;

/**
 * GB/T 30428 部件 (facility) major classes: public objects on the street with an owner
 * and a custodian. 'extension' (扩展) holds what the city-management standard does not
 * list, which in a governance catalog is much of it.
 */
export const FACILITY_CLASSES = [
  'public_utilities',
  'road_traffic',
  'city_appearance',
  'landscaping',
  'housing_land',
  'other_facilities',
  'extension',
] as const;
export type FacilityClass = (typeof FACILITY_CLASSES)[number];

/** GB/T 30428 事件 (event) major classes, plus 'extension' (扩展). */
export const EVENT_CLASSES = [
  'city_appearance',
  'advertising',
  'construction',
  'emergencies',
  'street_order',
  'extension',
] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

export const FACILITY_CLASS_LABELS: Readonly<Record<FacilityClass, LocalizedText>> = {
  public_utilities: { 'zh-CN': '公用设施', 'en-US': 'Public utilities' },
  road_traffic: { 'zh-CN': '道路交通', 'en-US': 'Roads and traffic' },
  city_appearance: { 'zh-CN': '市容环境', 'en-US': 'City appearance' },
  landscaping: { 'zh-CN': '园林绿化', 'en-US': 'Landscaping' },
  housing_land: { 'zh-CN': '房屋土地', 'en-US': 'Housing and land' },
  other_facilities: { 'zh-CN': '其他设施', 'en-US': 'Other facilities' },
  extension: { 'zh-CN': '扩展', 'en-US': 'Extension' },
};

export const EVENT_CLASS_LABELS: Readonly<Record<EventClass, LocalizedText>> = {
  city_appearance: { 'zh-CN': '市容环境', 'en-US': 'City appearance' },
  advertising: { 'zh-CN': '宣传广告', 'en-US': 'Advertising' },
  construction: { 'zh-CN': '施工管理', 'en-US': 'Construction' },
  emergencies: { 'zh-CN': '突发事件', 'en-US': 'Emergencies' },
  street_order: { 'zh-CN': '街面秩序', 'en-US': 'Street order' },
  extension: { 'zh-CN': '扩展', 'en-US': 'Extension' },
};

/**
 * How fast a matter must move. Local practice (DOMAIN-NOTES): urgent matters the same
 * day, inquiries and help requests within 3 working days, complaints within 13.
 * - urgent: a hazard to people or property now; handled within a few working hours.
 * - routine: an ordinary street problem found on patrol; within 2 working days.
 * - help: an inquiry or a request for help or services; within 3 working days.
 * - complex: needs investigation, several departments or enforcement; within 13.
 */
export const LIMIT_CLASSES = ['urgent', 'routine', 'help', 'complex'] as const;
export type LimitClass = (typeof LIMIT_CLASSES)[number];

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

/** Datatypes of Open311 GeoReport v2 service attributes. */
export type FormFieldDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

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
