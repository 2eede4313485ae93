import type { Labels } from './text.js';

/** What a registry import file holds, one kind per file (households come with people). */
export const REGISTRY_IMPORT_KINDS = ['people', 'buildings', 'dwellings', 'organizations', 'facilities'] as const;
export type RegistryImportKind = (typeof REGISTRY_IMPORT_KINDS)[number];
export const REGISTRY_IMPORT_KIND_LABELS: Labels<RegistryImportKind> = {
  people: { 'zh-CN': '人口与户', 'en-US': 'People and households' },
  buildings: { 'zh-CN': '楼栋', 'en-US': 'Buildings' },
  dwellings: { 'zh-CN': '房屋', 'en-US': 'Dwellings' },
  organizations: { 'zh-CN': '组织', 'en-US': 'Organizations' },
  facilities: { 'zh-CN': '部件设施', 'en-US': 'Facilities' },
};

/** The fields of a people import file, in the template's column order (headers: the server's people-columns.ts). */
export const PEOPLE_IMPORT_FIELDS = [
  'name',
  'idNumber',
  'sex',
  'birthDate',
  'phone',
  'address',
  'householdKey',
  'relation',
  'residence',
  'movedInOn',
] as const;
export type PeopleImportField = (typeof PEOPLE_IMPORT_FIELDS)[number];

/*
 * The fields of the place import files, in the templates' column order (headers and aliases: the
 * server's registry-import/domain/place-columns.ts). Field names are unique across kinds, so one
 * label each serves every page.
 */
/** A building by its standard address (which names the 幢), its point, floors and use. */
export const BUILDING_IMPORT_FIELDS = ['address', 'buildingName', 'lon', 'lat', 'floors', 'buildingUse'] as const;
/** A dwelling by its own standard address (the 室), in the building at `buildingAddress`. */
export const DWELLING_IMPORT_FIELDS = ['buildingAddress', 'address', 'dwellingUse', 'areaM2', 'rooms'] as const;
export const ORGANIZATION_IMPORT_FIELDS = [
  'organizationName',
  'organizationKind',
  'address',
  'licenceNumber',
  'contactName',
  'contactPhone',
] as const;
/** A facility (部件) by its GB/T 30428.2 部件编码 (region, class, serial), at a point. */
export const FACILITY_IMPORT_FIELDS = [
  'facilityCode',
  'classCode',
  'facilityName',
  'lon',
  'lat',
  'facilityState',
  'ownerUnit',
] as const;
export type BuildingImportField = (typeof BUILDING_IMPORT_FIELDS)[number];
export type DwellingImportField = (typeof DWELLING_IMPORT_FIELDS)[number];
export type OrganizationImportField = (typeof ORGANIZATION_IMPORT_FIELDS)[number];
export type FacilityImportField = (typeof FACILITY_IMPORT_FIELDS)[number];

/** Each kind's fields, for the page's column chooser. */
export const REGISTRY_IMPORT_FIELDS = {
  people: PEOPLE_IMPORT_FIELDS,
  buildings: BUILDING_IMPORT_FIELDS,
  dwellings: DWELLING_IMPORT_FIELDS,
  organizations: ORGANIZATION_IMPORT_FIELDS,
  facilities: FACILITY_IMPORT_FIELDS,
} as const satisfies Record<RegistryImportKind, readonly string[]>;
export type RegistryImportField = (typeof REGISTRY_IMPORT_FIELDS)[RegistryImportKind][number];

/** checked: dry run done, nothing written; queued → running → done on the job runner. */
export const REGISTRY_IMPORT_STATES = ['checked', 'queued', 'running', 'done'] as const;
export type RegistryImportState = (typeof REGISTRY_IMPORT_STATES)[number];
export const REGISTRY_IMPORT_STATE_LABELS: Labels<RegistryImportState> = {
  checked: { 'zh-CN': '已预检', 'en-US': 'Checked' },
  queued: { 'zh-CN': '排队中', 'en-US': 'Queued' },
  running: { 'zh-CN': '导入中', 'en-US': 'Importing' },
  done: { 'zh-CN': '已完成', 'en-US': 'Done' },
};

export const REGISTRY_MERGE_STATES = ['open', 'kept', 'taken', 'different'] as const;
export type RegistryMergeState = (typeof REGISTRY_MERGE_STATES)[number];
/** What a desk user decides about an ID-number clash: every one recorded, none automatic. */
export const REGISTRY_MERGE_DECISIONS = ['keep', 'take', 'different'] as const;
export type RegistryMergeDecision = (typeof REGISTRY_MERGE_DECISIONS)[number];
export const REGISTRY_MERGE_STATE_LABELS: Labels<RegistryMergeState> = {
  open: { 'zh-CN': '待审核', 'en-US': 'Open' },
  kept: { 'zh-CN': '保留原记录', 'en-US': 'Existing kept' },
  taken: { 'zh-CN': '采用导入内容', 'en-US': 'Incoming taken' },
  different: { 'zh-CN': '不是同一人', 'en-US': 'Different people' },
};
