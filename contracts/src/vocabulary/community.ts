import type { Labels } from './text.js';

/**
 * Words of residents' co-governance shared by the server and the apps: the community fund's
 * income sources, spending purposes and Chengdu's five steps (社区基金), the kinds of service
 * providers in the service directory, and quarters of the party-member service record.
 */

export const FUND_INCOME_SOURCES = ['grant', 'donation', 'other'] as const;
export type FundIncomeSource = (typeof FUND_INCOME_SOURCES)[number];
export const FUND_INCOME_SOURCE_LABELS: Labels<FundIncomeSource> = {
  grant: { 'zh-CN': '政府拨款', 'en-US': 'Government grant' },
  donation: { 'zh-CN': '社会捐赠', 'en-US': 'Donation' },
  other: { 'zh-CN': '其他收入', 'en-US': 'Other income' },
};

export const FUND_SPENDING_PURPOSES = [
  'elderly-care',
  'environment',
  'facilities',
  'culture',
  'assistance',
  'other',
] as const;
export type FundSpendingPurpose = (typeof FUND_SPENDING_PURPOSES)[number];
export const FUND_SPENDING_PURPOSE_LABELS: Labels<FundSpendingPurpose> = {
  'elderly-care': { 'zh-CN': '为老服务', 'en-US': 'Care for older people' },
  environment: { 'zh-CN': '环境整治', 'en-US': 'Environment' },
  facilities: { 'zh-CN': '公共设施', 'en-US': 'Public facilities' },
  culture: { 'zh-CN': '文体活动', 'en-US': 'Culture and sport' },
  assistance: { 'zh-CN': '困难帮扶', 'en-US': 'Help for families in need' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** In this order; money moves at `implement` (see the server's community-fund/domain/five-steps.ts). */
export const FUND_STEPS = ['propose', 'resolve', 'implement', 'inspect', 'oversee'] as const;
export type FundStep = (typeof FUND_STEPS)[number];
export const FUND_STEP_LABELS: Labels<FundStep> = {
  propose: { 'zh-CN': '党组织提议', 'en-US': 'Party organization proposes' },
  resolve: { 'zh-CN': '议事会决议', 'en-US': 'Council resolves' },
  implement: { 'zh-CN': '居委会实施（付款）', 'en-US': "Residents' committee implements (pays)" },
  inspect: { 'zh-CN': '党组织验收', 'en-US': 'Party organization inspects' },
  oversee: { 'zh-CN': '监委会监督', 'en-US': 'Supervisory committee oversees' },
};

export const FUND_SPENDING_STATUSES = ['awaiting-resolution', 'awaiting-payment', 'paid', 'completed'] as const;
export type FundSpendingStatus = (typeof FUND_SPENDING_STATUSES)[number];
export const FUND_SPENDING_STATUS_LABELS: Labels<FundSpendingStatus> = {
  'awaiting-resolution': { 'zh-CN': '待议事会决议', 'en-US': 'Awaiting the council' },
  'awaiting-payment': { 'zh-CN': '待实施付款', 'en-US': 'Awaiting payment' },
  paid: { 'zh-CN': '已付款，待验收监督', 'en-US': 'Paid, awaiting inspection' },
  completed: { 'zh-CN': '五步完成', 'en-US': 'All five steps done' },
};

export const SERVICE_PROVIDER_KINDS = [
  'social-organization',
  'hospital',
  'school',
  'housekeeping',
  'association',
  'other',
] as const;
export type ServiceProviderKind = (typeof SERVICE_PROVIDER_KINDS)[number];
export const SERVICE_PROVIDER_KIND_LABELS: Labels<ServiceProviderKind> = {
  'social-organization': { 'zh-CN': '社会组织', 'en-US': 'Social organization' },
  hospital: { 'zh-CN': '医院诊所', 'en-US': 'Hospital or clinic' },
  school: { 'zh-CN': '学校', 'en-US': 'School' },
  housekeeping: { 'zh-CN': '家政服务', 'en-US': 'Housekeeping' },
  association: { 'zh-CN': '协会', 'en-US': 'Association' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** Formats fen as yuan with two decimals and thousands separators: 1234567 → "12,345.67". */
export function yuanOf(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
