import type { Labels } from './text.js';

/** What a registry import file holds, one kind per file (people first; households come with them). */
export const REGISTRY_IMPORT_KINDS = ['people'] as const;
export type RegistryImportKind = (typeof REGISTRY_IMPORT_KINDS)[number];
export const REGISTRY_IMPORT_KIND_LABELS: Labels<RegistryImportKind> = {
  people: { 'zh-CN': '人口（含户）', 'en-US': 'People (with households)' },
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
