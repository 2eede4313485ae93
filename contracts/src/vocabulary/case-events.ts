import type { Labels } from './text.js';

/**
 * Every kind of line on a case's timeline (`case_events.type`): the workflow's transitions,
 * and what happens beside them (reports merged, a case placed on the map, the timers). The
 * server writes only these (the column is typed with this list), and every kind has its
 * words in both languages, so no person ever reads `report_merged`.
 */
export const CASE_EVENT_TYPES = [
  'reported',
  'registered',
  'voided',
  'dispatched',
  'accepted',
  'returned',
  'return_upheld',
  'return_rejected',
  'redispatched',
  'feedback_submitted',
  'verification_passed',
  'verification_failed',
  'closed',
  'rated',
  'reopened',
  'archived',
  'held',
  'resumed',
  'extension_requested',
  'extension_approved',
  'extension_rejected',
  'extension_withdrawn',
  'supervised',
  'escalated',
  'whistle_blown',
  'unit_arrived',
  'unit_part_recorded',
  // Beside the workflow: intake, the desk's merges and placing, the timers.
  'report_merged',
  'cases_merged',
  'kept_apart',
  'located',
  'time_warning',
  'time_overdue',
  'callback_due',
  'hold_review_due',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const isCaseEventType = (type: string): type is CaseEventType =>
  (CASE_EVENT_TYPES as readonly string[]).includes(type);

/** The timeline's words on the desk and in the worker app. */
export const CASE_EVENT_LABELS: Labels<CaseEventType> = {
  reported: { 'zh-CN': '上报', 'en-US': 'Reported' },
  registered: { 'zh-CN': '立案', 'en-US': 'Registered' },
  voided: { 'zh-CN': '作废', 'en-US': 'Voided' },
  dispatched: { 'zh-CN': '派遣', 'en-US': 'Dispatched' },
  accepted: { 'zh-CN': '接收', 'en-US': 'Accepted' },
  returned: { 'zh-CN': '退单', 'en-US': 'Returned' },
  return_upheld: { 'zh-CN': '退单审核：同意', 'en-US': 'Return upheld' },
  return_rejected: { 'zh-CN': '退单审核：驳回', 'en-US': 'Return rejected' },
  redispatched: { 'zh-CN': '改派', 'en-US': 'Redispatched' },
  feedback_submitted: { 'zh-CN': '处置反馈', 'en-US': 'Feedback' },
  verification_passed: { 'zh-CN': '核查通过', 'en-US': 'Verified' },
  verification_failed: { 'zh-CN': '核查不通过', 'en-US': 'Verification failed' },
  closed: { 'zh-CN': '结案', 'en-US': 'Closed' },
  rated: { 'zh-CN': '评价', 'en-US': 'Rated' },
  reopened: { 'zh-CN': '重新办理', 'en-US': 'Reopened' },
  archived: { 'zh-CN': '归档', 'en-US': 'Archived' },
  held: { 'zh-CN': '挂账', 'en-US': 'Put on hold' },
  resumed: { 'zh-CN': '恢复办理', 'en-US': 'Resumed' },
  extension_requested: { 'zh-CN': '申请延期', 'en-US': 'Extension requested' },
  extension_approved: { 'zh-CN': '同意延期', 'en-US': 'Extension approved' },
  extension_rejected: { 'zh-CN': '不同意延期', 'en-US': 'Extension rejected' },
  extension_withdrawn: { 'zh-CN': '撤回延期', 'en-US': 'Extension withdrawn' },
  supervised: { 'zh-CN': '督办', 'en-US': 'Supervised' },
  escalated: { 'zh-CN': '上报上级', 'en-US': 'Escalated' },
  whistle_blown: { 'zh-CN': '吹哨', 'en-US': 'Whistle blown' },
  unit_arrived: { 'zh-CN': '部门报到', 'en-US': 'Unit arrived' },
  unit_part_recorded: { 'zh-CN': '部门处置情况', 'en-US': 'Unit part recorded' },
  report_merged: { 'zh-CN': '同一问题的新上报已并入', 'en-US': 'Another report merged in' },
  cases_merged: { 'zh-CN': '重复案件并单', 'en-US': 'Duplicate case merged' },
  kept_apart: { 'zh-CN': '确认不是重复案件', 'en-US': 'Marked as not a duplicate' },
  located: { 'zh-CN': '地图定位', 'en-US': 'Placed on the map' },
  time_warning: { 'zh-CN': '时限预警', 'en-US': 'Time limit warning' },
  time_overdue: { 'zh-CN': '超期', 'en-US': 'Overdue' },
  callback_due: { 'zh-CN': '待回访', 'en-US': 'Callback due' },
  hold_review_due: { 'zh-CN': '挂账到期复查', 'en-US': 'Hold review due' },
};
