import type { Locale } from '@yiwang/contracts';
import { CASE_CHANNEL_LABELS, TIME_STATE_LABELS } from '@yiwang/contracts/vocabulary';
import { type Dictionaries, labelEntries, type MessageParams, translator } from '../shared/translate';

/** The big screen's own strings: Chinese first; English must translate every key (a missing one is a type error). */
const zhCN = {
  'app.title': '{region}网格化服务管理指挥大屏',
  'status.live': '实时',
  'status.reconnecting': '正在重连…',
  'status.updated': '更新于 {time}',
  loading: '正在载入大屏…',
  'error.unauthenticated': '大屏链接无效或已被吊销，请向管理员索取新的大屏链接（或登录工作台后再打开）。',
  'error.forbidden': '该账号无权查看大屏。',
  'error.other': '暂时无法读取数据，稍后自动重试。',
  'panel.counts': '事件办理',
  'panel.channels': '受理渠道（近 30 天）',
  'panel.matters': '高发事项（近 30 天）',
  'panel.map': '实时态势',
  'panel.trend': '近 30 天趋势',
  'panel.rates': '本月三率（12345）',
  'panel.departments': '部门绩效（本月）',
  'panel.hotSpots': '热点网格（近 30 天）',
  'counts.today': '今日',
  'counts.month': '本月',
  'counts.reported': '上报',
  'counts.registered': '立案',
  'counts.closed': '结案',
  'counts.overdue': '超期',
  'open.total': '在办 {n}',
  'rates.response': '响应率',
  'rates.resolution': '解决率',
  'rates.satisfaction': '满意率',
  'rates.none': '—',
  'departments.onTime': '按期结案率',
  'departments.closure': '结案率',
  'departments.none': '本月尚无到期案件',
  'trend.reported': '上报',
  'trend.closed': '结案',
  'map.open': '在办案件',
  'map.heat': '近 30 天热力',
  'map.patrols': '巡查中 {n} 人',
  'hotSpots.none': '近 30 天无案件',
  'language.switch': 'English',
};
type Key = keyof typeof zhCN | `channel.${string}` | `timeState.${string}`;

const enUS: Record<keyof typeof zhCN, string> = {
  'app.title': '{region} grid governance command screen',
  'status.live': 'Live',
  'status.reconnecting': 'Reconnecting…',
  'status.updated': 'Updated {time}',
  loading: 'Loading the screen…',
  'error.unauthenticated':
    'This screen link is not valid or was revoked. Ask an administrator for a new screen link (or sign in to the desk and open it again).',
  'error.forbidden': 'This account may not view the big screen.',
  'error.other': 'The data cannot be read right now; retrying shortly.',
  'panel.counts': 'Cases',
  'panel.channels': 'Intake by channel (30 days)',
  'panel.matters': 'Top matters (30 days)',
  'panel.map': 'Live map',
  'panel.trend': 'Last 30 days',
  'panel.rates': 'Three rates this month (12345)',
  'panel.departments': 'Departments (this month)',
  'panel.hotSpots': 'Hot spots (30 days)',
  'counts.today': 'Today',
  'counts.month': 'This month',
  'counts.reported': 'Reported',
  'counts.registered': 'Registered',
  'counts.closed': 'Closed',
  'counts.overdue': 'Overdue',
  'open.total': '{n} open',
  'rates.response': 'Response',
  'rates.resolution': 'Resolution',
  'rates.satisfaction': 'Satisfaction',
  'rates.none': '—',
  'departments.onTime': 'On-time closure',
  'departments.closure': 'Closure',
  'departments.none': 'No case fell due this month yet',
  'trend.reported': 'Reported',
  'trend.closed': 'Closed',
  'map.open': 'Open cases',
  'map.heat': '30-day heat',
  'map.patrols': '{n} on patrol',
  'hotSpots.none': 'No case in 30 days',
  'language.switch': '中文',
};

const dictionaries = {
  'zh-CN': {
    ...zhCN,
    ...labelEntries('channel', CASE_CHANNEL_LABELS, 'zh-CN'),
    ...labelEntries('timeState', TIME_STATE_LABELS, 'zh-CN'),
  },
  'en-US': {
    ...enUS,
    ...labelEntries('channel', CASE_CHANNEL_LABELS, 'en-US'),
    ...labelEntries('timeState', TIME_STATE_LABELS, 'en-US'),
  },
} as Dictionaries<Key>;

const translate = translator<Key>(dictionaries);
export type ScreenT = (key: Key, params?: MessageParams) => string;
export const screenT =
  (locale: Locale): ScreenT =>
  (key, params) =>
    translate(locale, key, params);
