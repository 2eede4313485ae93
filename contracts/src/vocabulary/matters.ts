import type { Labels } from './text.js';

/** The matter catalog's words (事项清单): what can be reported, who handles it, how fast. */

/**
 * The level whose command center registers and dispatches a case: the community
 * workstation (村/社区工作站), the town command center (镇/街道指挥中心) or the city's
 * command center (市指挥中心). 江阴 is a county-level city, so 'city' is the region level
 * 'county' of the region tree.
 */
export const HANDLING_LEVELS = ['community', 'town', 'city'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

export const HANDLING_LEVEL_LABELS: Labels<HandlingLevel> = {
  community: { 'zh-CN': '村（社区）级', 'en-US': 'Community' },
  town: { 'zh-CN': '镇（街道）级', 'en-US': 'Town' },
  city: { 'zh-CN': '市级', 'en-US': 'City' },
};

/** The five matter categories of Jiangyin's catalog (seed 000: 综合治理、民生服务、公共安全、城市管理和其他). */
export const MATTER_CATEGORIES = [
  'comprehensive_governance',
  'livelihood_service',
  'public_safety',
  'urban_management',
  'other',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

export const MATTER_CATEGORY_LABELS: Labels<MatterCategory> = {
  comprehensive_governance: { 'zh-CN': '综合治理', 'en-US': 'Comprehensive governance' },
  livelihood_service: { 'zh-CN': '民生服务', 'en-US': 'Livelihood services' },
  public_safety: { 'zh-CN': '公共安全', 'en-US': 'Public safety' },
  urban_management: { 'zh-CN': '城市管理', 'en-US': 'Urban management' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
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

export const FACILITY_CLASS_LABELS: Labels<FacilityClass> = {
  public_utilities: { 'zh-CN': '公用设施', 'en-US': 'Public utilities' },
  road_traffic: { 'zh-CN': '道路交通', 'en-US': 'Roads and traffic' },
  city_appearance: { 'zh-CN': '市容环境', 'en-US': 'City appearance' },
  landscaping: { 'zh-CN': '园林绿化', 'en-US': 'Landscaping' },
  housing_land: { 'zh-CN': '房屋土地', 'en-US': 'Housing and land' },
  other_facilities: { 'zh-CN': '其他设施', 'en-US': 'Other facilities' },
  extension: { 'zh-CN': '扩展', 'en-US': 'Extension' },
};

export const EVENT_CLASS_LABELS: Labels<EventClass> = {
  city_appearance: { 'zh-CN': '市容环境', 'en-US': 'City appearance' },
  advertising: { 'zh-CN': '宣传广告', 'en-US': 'Advertising' },
  construction: { 'zh-CN': '施工管理', 'en-US': 'Construction' },
  emergencies: { 'zh-CN': '突发事件', 'en-US': 'Emergencies' },
  street_order: { 'zh-CN': '街面秩序', 'en-US': 'Street order' },
  extension: { 'zh-CN': '扩展', 'en-US': 'Extension' },
};

/** Datatypes of Open311 GeoReport v2 service attributes (a matter's report-form questions). */
export const FORM_FIELD_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type FormFieldDatatype = (typeof FORM_FIELD_DATATYPES)[number];

/** The two datatypes whose answers are picked from the question's values. */
export const isListDatatype = (datatype: FormFieldDatatype): boolean =>
  datatype === 'singlevaluelist' || datatype === 'multivaluelist';
