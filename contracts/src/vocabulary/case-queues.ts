import type { Labels } from './text.js';

/**
 * The desk's work queues (工作台): what waits for the caller's unit. The command desk's
 * (operator, workstation) come first, then a handling unit's. Which cases make each queue,
 * and which roles have which, is the server's (cases/domain/queues.ts).
 */
export const CASE_QUEUES = [
  'intake',
  'dispatch',
  'returned',
  'callback',
  'whistle',
  'hold_due',
  'unit_inbox',
  'unit_due_soon',
  'unit_returned',
  'unit_rework',
  'unit_handling',
  'unit_summoned',
] as const;
export type CaseQueueName = (typeof CASE_QUEUES)[number];

export const CASE_QUEUE_LABELS: Labels<CaseQueueName> = {
  intake: { 'zh-CN': '待受理', 'en-US': 'To register' },
  dispatch: { 'zh-CN': '待派遣', 'en-US': 'To dispatch' },
  returned: { 'zh-CN': '已退单待改派', 'en-US': 'Returned, to redispatch' },
  callback: { 'zh-CN': '待回访', 'en-US': 'Awaiting the callback' },
  whistle: { 'zh-CN': '吹哨待报到', 'en-US': 'Whistled, awaiting arrivals' },
  hold_due: { 'zh-CN': '挂账到期', 'en-US': 'Hold due for review' },
  unit_inbox: { 'zh-CN': '待签收', 'en-US': 'To accept' },
  unit_due_soon: { 'zh-CN': '临期超期', 'en-US': 'Due soon or overdue' },
  unit_returned: { 'zh-CN': '已退单待审核', 'en-US': 'Returned, under review' },
  unit_rework: { 'zh-CN': '返工重办', 'en-US': 'Rework' },
  unit_handling: { 'zh-CN': '处置中', 'en-US': 'Being handled' },
  unit_summoned: { 'zh-CN': '吹哨待我报到', 'en-US': 'Summoned, to arrive' },
};
