import type { HandlingLevel } from '@yiwang/contracts';
import { type CaseChannel, HANDLING_LEVEL_LABELS, type TimeState } from '@yiwang/contracts';
import type { Localized } from '../../platform/spreadsheet.js';
import type { CaseState, ClockStage } from './domain/workflow.js';

/** Short names of case states, levels, channels and time states, as the desk shows them (for exports). */

export const CASE_STATE_NAMES: Readonly<Record<CaseState, Localized>> = {
  reported: { 'zh-CN': '待受理', 'en-US': 'Reported' },
  registered: { 'zh-CN': '已立案', 'en-US': 'Registered' },
  voided: { 'zh-CN': '已作废', 'en-US': 'Voided' },
  dispatched: { 'zh-CN': '已派遣', 'en-US': 'Dispatched' },
  accepted: { 'zh-CN': '处置中', 'en-US': 'Being handled' },
  returned: { 'zh-CN': '已退单', 'en-US': 'Returned' },
  handled: { 'zh-CN': '已反馈', 'en-US': 'Handled' },
  closed: { 'zh-CN': '已结案', 'en-US': 'Closed' },
  rated: { 'zh-CN': '已评价', 'en-US': 'Rated' },
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  on_hold: { 'zh-CN': '挂账', 'en-US': 'On hold' },
};

export const LEVEL_NAMES: Readonly<Record<HandlingLevel, Localized>> = HANDLING_LEVEL_LABELS;

export const CHANNEL_NAMES: Readonly<Record<CaseChannel, Localized>> = {
  desk: { 'zh-CN': '指挥中心', 'en-US': 'Command desk' },
  resident: { 'zh-CN': '居民上报', 'en-US': 'Resident' },
  worker: { 'zh-CN': '网格员上报', 'en-US': 'Grid worker' },
  hotline: { 'zh-CN': '12345热线', 'en-US': '12345 hotline' },
  open311: { 'zh-CN': 'Open311', 'en-US': 'Open311' },
};

export const TIME_STATE_NAMES: Readonly<Record<TimeState, Localized>> = {
  normal: { 'zh-CN': '正常', 'en-US': 'On time' },
  warning: { 'zh-CN': '预警', 'en-US': 'Warning' },
  overdue: { 'zh-CN': '超期', 'en-US': 'Overdue' },
};

export const STAGE_NAMES: Readonly<Record<Exclude<ClockStage, null>, Localized>> = {
  register: { 'zh-CN': '立案', 'en-US': 'Register' },
  dispatch: { 'zh-CN': '派遣', 'en-US': 'Dispatch' },
  handle: { 'zh-CN': '处置', 'en-US': 'Handle' },
  verify: { 'zh-CN': '核查', 'en-US': 'Verify' },
  callback: { 'zh-CN': '回访', 'en-US': 'Callback' },
};
