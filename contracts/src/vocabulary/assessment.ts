import type { Labels } from './text.js';

/**
 * The assessment's words (考核): its indicators, the units it ranks and its periods. The
 * formulas are the server's (modules/assessment/domain/indicators.ts, docs/assessment-indicators.md);
 * the apps need the names, the counter-metric beside each KPI and which way is better.
 */
export const INDICATOR_IDS = [
  'reportCount',
  'validReportRate',
  'registrationRate',
  'onTimeHandlingRate',
  'onTimeClosureRate',
  'closureRate',
  'reworkRate',
  'shirkRate',
  'overdueRate',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'reopenRate',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATOR_LABELS: Labels<IndicatorId> = {
  reportCount: { 'zh-CN': '上报数', 'en-US': 'Reports' },
  validReportRate: { 'zh-CN': '有效上报率', 'en-US': 'Valid report rate' },
  registrationRate: { 'zh-CN': '立案率', 'en-US': 'Registration rate' },
  onTimeHandlingRate: { 'zh-CN': '按期处置率', 'en-US': 'On-time handling rate' },
  onTimeClosureRate: { 'zh-CN': '按期结案率', 'en-US': 'On-time closure rate' },
  closureRate: { 'zh-CN': '结案率', 'en-US': 'Closure rate' },
  reworkRate: { 'zh-CN': '返工率', 'en-US': 'Rework rate' },
  shirkRate: { 'zh-CN': '推诿率', 'en-US': 'Unjustified return rate' },
  overdueRate: { 'zh-CN': '超期率', 'en-US': 'Overdue rate' },
  responseRate: { 'zh-CN': '响应率（12345）', 'en-US': 'Response rate (12345)' },
  resolutionRate: { 'zh-CN': '解决率（12345）', 'en-US': 'Resolution rate (12345)' },
  satisfactionRate: { 'zh-CN': '满意率（12345）', 'en-US': 'Satisfaction rate (12345)' },
  reopenRate: { 'zh-CN': '重办率', 'en-US': 'Reopen rate' },
};

/**
 * The counter-metric shown beside each KPI: the indicator that gets worse when this one is
 * pushed up the easy way (report only sure things → fewer reports; close fast → reopened;
 * stop returning cases → sit on them).
 */
export const INDICATOR_COUNTERS: Readonly<Record<IndicatorId, IndicatorId>> = {
  reportCount: 'validReportRate',
  validReportRate: 'reportCount',
  registrationRate: 'closureRate',
  onTimeHandlingRate: 'reworkRate',
  onTimeClosureRate: 'reopenRate',
  closureRate: 'reopenRate',
  reworkRate: 'onTimeHandlingRate',
  shirkRate: 'overdueRate',
  overdueRate: 'shirkRate',
  responseRate: 'resolutionRate',
  resolutionRate: 'satisfactionRate',
  satisfactionRate: 'resolutionRate',
  reopenRate: 'closureRate',
};

/** Indicators where lower is better (a ranking reads them upside down). */
export const LOWER_IS_BETTER: readonly IndicatorId[] = ['reworkRate', 'shirkRate', 'overdueRate', 'reopenRate'];

/** A count, not a rate (shown as a number, not a percentage). */
export const COUNT_INDICATORS: readonly IndicatorId[] = ['reportCount'];

export const ASSESSMENT_LEVELS = ['worker', 'grid', 'community', 'town', 'department', 'county'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

export const ASSESSMENT_LEVEL_LABELS: Labels<AssessmentLevel> = {
  worker: { 'zh-CN': '网格员', 'en-US': 'Grid worker' },
  grid: { 'zh-CN': '网格', 'en-US': 'Grid' },
  community: { 'zh-CN': '村（社区）', 'en-US': 'Community' },
  town: { 'zh-CN': '镇（街道）', 'en-US': 'Town' },
  department: { 'zh-CN': '部门', 'en-US': 'Department' },
  county: { 'zh-CN': '市（县）', 'en-US': 'County' },
};

export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Labels<PeriodKind> = {
  day: { 'zh-CN': '日', 'en-US': 'Day' },
  week: { 'zh-CN': '周', 'en-US': 'Week' },
  month: { 'zh-CN': '月', 'en-US': 'Month' },
};

/** Routine visits stop while the county suspends them; special ones (an emergency, a complaint) do not. */
export const INSPECTION_KINDS = ['routine', 'special'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_KIND_LABELS: Labels<InspectionKind> = {
  routine: { 'zh-CN': '例行督查', 'en-US': 'Routine inspection' },
  special: { 'zh-CN': '专项督查', 'en-US': 'Special inspection' },
};

/** What a 双随机 random inspection can be drawn for: a grid, a unit (department or workstation) or a case. */
export const DRAW_TARGET_KINDS = ['grid', 'unit', 'case'] as const;
export type DrawTargetKind = (typeof DRAW_TARGET_KINDS)[number];

export const DRAW_TARGET_KIND_LABELS: Labels<DrawTargetKind> = {
  grid: { 'zh-CN': '网格', 'en-US': 'Grid' },
  unit: { 'zh-CN': '单位', 'en-US': 'Unit' },
  case: { 'zh-CN': '案件', 'en-US': 'Case' },
};

/** Where a draw's seed came from: a public value typed in (a lottery result, an index close) or random bytes made and shown by the server. */
export const DRAW_SEED_SOURCES = ['public-value', 'generated'] as const;
export type DrawSeedSource = (typeof DRAW_SEED_SOURCES)[number];

/** The kinds of gaming the detector flags (issue 12 item 4), and who a flag is about. */
export const FLAG_KINDS = [
  'hidden-hard',
  'low-share',
  'padding-burst',
  'closed-without-photo',
  'self-verified',
  'implausible-speed',
  'far-from-place',
  'department-delay',
  'rubber-stamp',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const FLAG_LABELS: Labels<FlagKind> = {
  'hidden-hard': { 'zh-CN': '瞒报难办事项', 'en-US': 'Hard matters hidden' },
  'low-share': { 'zh-CN': '发现率低（对比居民和 12345）', 'en-US': 'Low share of problems found' },
  'padding-burst': { 'zh-CN': '集中凑数上报', 'en-US': 'Burst of easy reports' },
  'closed-without-photo': { 'zh-CN': '无核查照片结案', 'en-US': 'Closed without a photo' },
  'self-verified': { 'zh-CN': '自报自核', 'en-US': 'Self-reported, self-verified' },
  'implausible-speed': { 'zh-CN': '核查速度不可能', 'en-US': 'Implausibly fast verifications' },
  'far-from-place': { 'zh-CN': '核查时不在现场', 'en-US': 'Verified far from the place' },
  'department-delay': { 'zh-CN': '部门拖延推诿', 'en-US': 'Department delays' },
  'rubber-stamp': { 'zh-CN': '检查走过场', 'en-US': 'Rubber-stamping inspector' },
};

export const FLAG_LEVELS = ['grid', 'worker', 'department', 'inspector'] as const;
export type FlagLevel = (typeof FLAG_LEVELS)[number];
