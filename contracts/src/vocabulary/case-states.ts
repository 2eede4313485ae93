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
export const CASE_CHANNELS = ['desk', 'resident', 'worker', 'hotline', 'open311'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

/** Time-limit state of the running stage: 预警 (warning, yellow) and 超期 (overdue, red). */
export const TIME_STATES = ['normal', 'warning', 'overdue'] as const;
export type TimeState = (typeof TIME_STATES)[number];

/** Which time limit runs: register, dispatch, handle, verify or callback (null: none). */
export const CLOCK_STAGES = ['register', 'dispatch', 'handle', 'verify', 'callback'] as const;

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type RatingName = (typeof RATINGS)[number];
