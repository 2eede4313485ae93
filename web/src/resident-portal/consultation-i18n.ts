import type { Locale } from '@yiwang/contracts';
import {
  AGENDA_RESULT_LABELS,
  MEETING_TYPE_LABELS,
  TASK_STATUS_LABELS,
  TOPIC_STATE_LABELS,
  VOTE_CHOICE_LABELS,
} from '@yiwang/contracts/vocabulary';
import { labelEntries, type MessageParams, translator } from '../shared/translate';

/** The portal's words for consultation (议事): short, plain, for older readers too. English must cover every key. */
const zhCN = {
  'home.consult': '社区议事',
  'home.consultHint': '提议题、表支持、报名议事会、看决议落实',
  'home.notices': '我的通知',
  'home.noticesHint': '您支持或参加的事有了进展，这里会告诉您',
  'consult.title': '社区议事',
  'consult.community': '我的社区：{name}',
  'consult.chooseCommunity': '请先选择您住的社区',
  'consult.choose': '确定',
  'consult.topics': '议题',
  'consult.meetings': '议事会',
  'consult.decisions': '决议落实',
  'consult.raise': '提一个议题',
  'consult.raiseTitle': '议题（一句话说清楚）',
  'consult.raiseBody': '详细说说',
  'consult.raiseSend': '提交议题',
  'consult.none': '暂时没有。',
  'topic.rules':
    '规则：本社区居民每人可支持一次，也可以撤回。支持满 {threshold} 人，就列入下一次议事会讨论表决。{expires} 前人数不够，议题就过期（仍然保留在这里）。',
  'topic.progress': '已有 {count} 人支持，还差 {missing} 人',
  'topic.reached': '已有 {count} 人支持，人数已够',
  'topic.support': '我支持',
  'topic.withdraw': '撤回支持',
  'topic.supported': '您已支持',
  'topic.onMeeting': '将在“{meeting}”上讨论',
  'topic.decision': '看决议落实情况',
  'meeting.when': '时间：{time}',
  'meeting.where': '地点：{place}',
  'meeting.register': '我要报名',
  'meeting.myCode': '您的签到码',
  'meeting.codeHint': '开会时把这个码告诉工作人员签到。',
  'meeting.agenda': '议程',
  'meeting.vote': '网上表决：',
  'meeting.myVote': '您的选择：{choice}',
  'meeting.result': '结果：{result}（同意 {yes}，不同意 {no}，弃权 {abstain}）',
  'meeting.registerToVote': '报名后可以网上表决。',
  'decision.progress': '总进度 {progress}%',
  'decision.task': '{title}（{owner}）',
  'decision.case': '案件 {code}',
  'notices.title': '我的通知',
  'notices.empty': '还没有通知。',
  'notices.unread': '新',
};

type Key = keyof typeof zhCN;

const enUS: Record<Key, string> = {
  'home.consult': 'Community consultation',
  'home.consultHint': 'Raise topics, support them, join meetings, follow decisions',
  'home.notices': 'My notices',
  'home.noticesHint': 'When something you supported or attended moves, you hear it here',
  'consult.title': 'Community consultation',
  'consult.community': 'My community: {name}',
  'consult.chooseCommunity': 'Please choose the community you live in',
  'consult.choose': 'OK',
  'consult.topics': 'Topics',
  'consult.meetings': 'Meetings',
  'consult.decisions': 'Decisions',
  'consult.raise': 'Raise a topic',
  'consult.raiseTitle': 'Topic (one sentence)',
  'consult.raiseBody': 'Tell us more',
  'consult.raiseSend': 'Send the topic',
  'consult.none': 'Nothing yet.',
  'topic.rules':
    'Rules: each resident of the community may support once, and may withdraw. With {threshold} supporters it goes to the next meeting to be discussed and voted on. Without enough by {expires} it expires (and stays listed here).',
  'topic.progress': '{count} supporters, {missing} more needed',
  'topic.reached': '{count} supporters: enough',
  'topic.support': 'I support this',
  'topic.withdraw': 'Withdraw my support',
  'topic.supported': 'You support this',
  'topic.onMeeting': 'To be discussed at “{meeting}”',
  'topic.decision': 'See how the decision is carried out',
  'meeting.when': 'When: {time}',
  'meeting.where': 'Where: {place}',
  'meeting.register': 'Register',
  'meeting.myCode': 'Your check-in code',
  'meeting.codeHint': 'Tell this code to the staff at the door.',
  'meeting.agenda': 'Agenda',
  'meeting.vote': 'Vote online:',
  'meeting.myVote': 'Your choice: {choice}',
  'meeting.result': 'Result: {result} ({yes} yes, {no} no, {abstain} abstained)',
  'meeting.registerToVote': 'Register to vote online.',
  'decision.progress': 'Overall {progress}%',
  'decision.task': '{title} ({owner})',
  'decision.case': 'case {code}',
  'notices.title': 'My notices',
  'notices.empty': 'No notices yet.',
  'notices.unread': 'New',
};

const withLabels = (locale: Locale, words: Record<Key, string>) => ({
  ...words,
  ...labelEntries('topicState', TOPIC_STATE_LABELS, locale),
  ...labelEntries('meetingType', MEETING_TYPE_LABELS, locale),
  ...labelEntries('choice', VOTE_CHOICE_LABELS, locale),
  ...labelEntries('result', AGENDA_RESULT_LABELS, locale),
  ...labelEntries('taskStatus', TASK_STATUS_LABELS, locale),
});

const dictionaries = { 'zh-CN': withLabels('zh-CN', zhCN), 'en-US': withLabels('en-US', enUS) };
export type ConsultKey = keyof (typeof dictionaries)['zh-CN'];

const translate = translator<ConsultKey>(dictionaries);
export const consultText = (locale: Locale, key: ConsultKey, params?: MessageParams) => translate(locale, key, params);
