import type { Labels } from './text.js';

/** What a case can be linked to in the registry (issue 11: people, households, dwellings; facilities). */
export const CASE_REGISTRY_LINK_KINDS = ['person', 'household', 'dwelling', 'facility'] as const;
export type CaseRegistryLinkKind = (typeof CASE_REGISTRY_LINK_KINDS)[number];
export const CASE_REGISTRY_LINK_KIND_LABELS: Labels<CaseRegistryLinkKind> = {
  person: { 'zh-CN': '人口', 'en-US': 'Person' },
  household: { 'zh-CN': '户', 'en-US': 'Household' },
  dwelling: { 'zh-CN': '房屋', 'en-US': 'Dwelling' },
  facility: { 'zh-CN': '部件', 'en-US': 'Facility' },
};

/** manual: a desk operator linked it; automatic: the facility rule found exactly one facility (registry-links). */
export const CASE_REGISTRY_LINK_ORIGINS = ['manual', 'automatic'] as const;
export type CaseRegistryLinkOrigin = (typeof CASE_REGISTRY_LINK_ORIGINS)[number];
export const CASE_REGISTRY_LINK_ORIGIN_LABELS: Labels<CaseRegistryLinkOrigin> = {
  manual: { 'zh-CN': '人工关联', 'en-US': 'Linked by hand' },
  automatic: { 'zh-CN': '自动关联', 'en-US': 'Linked automatically' },
};
