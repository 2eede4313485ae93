/**
 * Vocabulary shared by the case domain and the matter catalog. Kept in one small file so
 * that the catalog (data) and the workflow, routing and duplicate rules (logic) name the
 * same things the same way.
 */

/**
 * The level whose command center registers and dispatches a case: the community
 * workstation (村/社区工作站), the town command center (镇/街道指挥中心) or the city's
 * command center (市指挥中心). 江阴 is a county-level city, so 'city' is the region level
 * 'county' of the region tree.
 */
export const HANDLING_LEVELS = ['community', 'town', 'city'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

/** The level above, or null at the top: escalation goes community → town → city. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  switch (level) {
    case 'community':
      return 'town';
    case 'town':
      return 'city';
    case 'city':
      return null;
    default:
      return assertUnreachable(level);
  }
}

/** The five matter categories of Jiangyin's catalog (seed 000: 综合治理、民生服务、公共安全、城市管理和其他). */
export const MATTER_CATEGORIES = [
  'comprehensive_governance',
  'livelihood_service',
  'public_safety',
  'urban_management',
  'other',
] as const;
export type MatterCategory = (typeof MATTER_CATEGORIES)[number];

export const MATTER_CATEGORY_LABELS: Readonly<Record<MatterCategory, { 'zh-CN': string; 'en-US': string }>> = {
  comprehensive_governance: { 'zh-CN': '综合治理', 'en-US': 'Comprehensive governance' },
  livelihood_service: { 'zh-CN': '民生服务', 'en-US': 'Livelihood services' },
  public_safety: { 'zh-CN': '公共安全', 'en-US': 'Public safety' },
  urban_management: { 'zh-CN': '城市管理', 'en-US': 'Urban management' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** A WGS84 (or CGCS2000, equal at this precision) point in GeoJSON order: longitude first. */
export type LonLat = readonly [lon: number, lat: number];

/** Text in both locales the product ships (zh-CN default, en-US second). */
export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly 'en-US': string;
}

/** Makes a switch exhaustive: a new member of the union fails to compile until handled. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
