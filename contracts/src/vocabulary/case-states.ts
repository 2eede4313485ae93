import type { Labels } from './text.js';

/** The case loop's words (上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价 → 归档). */

export const CASE_STATES = [
  'reported',
  'registered',
  'voided',
  'dispatched',
  'accepted',
  'returned',
  'handled',
  'closed',
  'rated',
  'archived',
  'on_hold',
] as const;
export type CaseStateName = (typeof CASE_STATES)[number];

/** States in which the loop still owes the reporter something: the work is not done yet. */
export const OPEN_STATES = [
  'reported',
  'registered',
  'dispatched',
  'accepted',
  'returned',
  'handled',
  'on_hold',
] as const satisfies readonly CaseStateName[];
export type OpenState = (typeof OPEN_STATES)[number];

/** The rest: done (closed, rated, archived) or voided. Open311 and 12345 call these 'closed'. */
export const CLOSED_STATES = ['closed', 'rated', 'archived', 'voided'] as const satisfies readonly CaseStateName[];

// Every state is open or closed, never both: this fails to compile if the lists drift.
type Unlisted = Exclude<CaseStateName, OpenState | (typeof CLOSED_STATES)[number]>;
const everyStateGrouped: [Unlisted] extends [never] ? true : Unlisted = true;
void everyStateGrouped;

export const isOpenState = (state: string): state is OpenState => (OPEN_STATES as readonly string[]).includes(state);

/**
 * Where a report came from. The desk (an operator taking a call or a walk-in), the
 * resident portal, the worker app, the 12345 hotline and Open311 clients all go through
 * the same intake; the channel is recorded on every report.
 */
export const CASE_CHANNELS = ['desk', 'resident', 'worker', 'hotline', 'open311', 'consultation'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Time-limit state of the running stage: 预警 (warning, yellow) and 超期 (overdue, red). */
export const TIME_STATES = ['normal', 'warning', 'overdue'] as const;
export type TimeState = (typeof TIME_STATES)[number];

/** Which time limit runs: register, dispatch, handle, verify or callback (null: none). */
export const CLOCK_STAGES = ['register', 'dispatch', 'handle', 'verify', 'callback'] as const;
export type ClockStageName = (typeof CLOCK_STAGES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type RatingName = (typeof RATINGS)[number];

export const RATING_LABELS: Labels<RatingName> = {
  satisfied: { 'zh-CN': '满意', 'en-US': 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', 'en-US': 'Mostly satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'en-US': 'Dissatisfied' },
};

/** Short names of states, time states, channels and stages, as the desk shows them and the exports write them. */
export const CASE_STATE_LABELS: Labels<CaseStateName> = {
  reported: { 'zh-CN': '待受理', 'en-US': 'Reported' },
  registered: { 'zh-CN': '已立案', 'en-US': 'Registered' },
  voided: { 'zh-CN': '已作废', 'en-US': 'Voided' },
  dispatched: { 'zh-CN': '已派遣', 'en-US': 'Dispatched' },
  accepted: { 'zh-CN': '处置中', 'en-US': 'Being handled' },
  returned: { 'zh-CN': '已退单', 'en-US': 'Returned' },
  handled: { 'zh-CN': '已反馈', 'en-US': 'Feedback given' },
  closed: { 'zh-CN': '已结案', 'en-US': 'Closed' },
  rated: { 'zh-CN': '已评价', 'en-US': 'Rated' },
  archived: { 'zh-CN': '已归档', 'en-US': 'Archived' },
  on_hold: { 'zh-CN': '挂账', 'en-US': 'On hold' },
};

export const TIME_STATE_LABELS: Labels<TimeState> = {
  normal: { 'zh-CN': '正常', 'en-US': 'On time' },
  warning: { 'zh-CN': '预警', 'en-US': 'Warning' },
  overdue: { 'zh-CN': '超期', 'en-US': 'Overdue' },
};

export const CASE_CHANNEL_LABELS: Labels<CaseChannel> = {
  desk: { 'zh-CN': '指挥中心', 'en-US': 'Command desk' },
  resident: { 'zh-CN': '居民上报', 'en-US': 'Resident' },
  worker: { 'zh-CN': '网格员上报', 'en-US': 'Grid worker' },
  hotline: { 'zh-CN': '12345热线', 'en-US': '12345 hotline' },
  open311: { 'zh-CN': 'Open311', 'en-US': 'Open311' },
  consultation: { 'zh-CN': '议事协商决议', 'en-US': 'Consultation decision' },
};

export const CLOCK_STAGE_LABELS: Labels<ClockStageName> = {
  register: { 'zh-CN': '立案', 'en-US': 'Registration' },
  dispatch: { 'zh-CN': '派遣', 'en-US': 'Dispatch' },
  handle: { 'zh-CN': '处置', 'en-US': 'Handling' },
  verify: { 'zh-CN': '核查', 'en-US': 'Verification' },
  callback: { 'zh-CN': '回访', 'en-US': 'Callback' },
};
