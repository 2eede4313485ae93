import type { Labels } from './text.js';

/** Residents' consultation (议事协商): the words of topics, meetings, votes and decisions. */

export const TOPIC_STATES = ['open', 'qualified', 'on_agenda', 'decided', 'expired'] as const;
export type TopicStateName = (typeof TOPIC_STATES)[number];

export const TOPIC_STATE_LABELS: Labels<TopicStateName> = {
  open: { 'zh-CN': '征集支持中', 'en-US': 'Gathering support' },
  qualified: { 'zh-CN': '已达到人数，等待上会', 'en-US': 'Enough support, waiting for a meeting' },
  on_agenda: { 'zh-CN': '已列入议事会议程', 'en-US': 'On a meeting’s agenda' },
  decided: { 'zh-CN': '已表决', 'en-US': 'Voted on' },
  expired: { 'zh-CN': '已过期（支持人数不够）', 'en-US': 'Expired (not enough support)' },
};

export const MEETING_TYPES = ['council', 'residents_meeting', 'representatives_meeting'] as const;
export type MeetingTypeName = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Labels<MeetingTypeName> = {
  council: { 'zh-CN': '议事会', 'en-US': 'Consultation council' },
  residents_meeting: { 'zh-CN': '居民会议', 'en-US': 'Residents’ meeting' },
  representatives_meeting: { 'zh-CN': '居民代表会议', 'en-US': 'Residents’ representatives meeting' },
};

export const MEETING_STATES = ['convened', 'closed', 'published'] as const;
export type MeetingStateName = (typeof MEETING_STATES)[number];

export const MEETING_STATE_LABELS: Labels<MeetingStateName> = {
  convened: { 'zh-CN': '已召集', 'en-US': 'Convened' },
  closed: { 'zh-CN': '已结束', 'en-US': 'Closed' },
  published: { 'zh-CN': '结果已公布', 'en-US': 'Results published' },
};

export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const VOTE_CHOICE_LABELS: Labels<VoteChoice> = {
  yes: { 'zh-CN': '同意', 'en-US': 'Yes' },
  no: { 'zh-CN': '不同意', 'en-US': 'No' },
  abstain: { 'zh-CN': '弃权', 'en-US': 'Abstain' },
};

export const AGENDA_RESULTS = ['adopted', 'rejected', 'no_quorum'] as const;
export type AgendaResultName = (typeof AGENDA_RESULTS)[number];

export const AGENDA_RESULT_LABELS: Labels<AgendaResultName> = {
  adopted: { 'zh-CN': '通过', 'en-US': 'Adopted' },
  rejected: { 'zh-CN': '未通过', 'en-US': 'Rejected' },
  no_quorum: { 'zh-CN': '到会人数不足，未表决', 'en-US': 'No quorum' },
};

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatusName = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Labels<TaskStatusName> = {
  not_started: { 'zh-CN': '未开始', 'en-US': 'Not started' },
  in_progress: { 'zh-CN': '进行中', 'en-US': 'In progress' },
  done: { 'zh-CN': '已完成', 'en-US': 'Done' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
};

export const DECISION_STATES = ['in_progress', 'done'] as const;
export type DecisionStateName = (typeof DECISION_STATES)[number];
