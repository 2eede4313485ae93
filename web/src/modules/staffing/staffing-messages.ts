import { useModuleI18n } from '../../lib/i18n/module-i18n';

/** UI strings of the staffing page. Chinese defines the keys (terms per docs GLOSSARY); English must have every one. */
const zhCN = {
  'staffing.intro': '每个岗位都有A岗（负责人）和B岗（备岗）。A岗缺勤期间，岗位工作由B岗承担，事件按此派发。',
  'staffing.covered': '今日由B岗顶岗（{count}）',
  'staffing.coveredEmpty': '今天所有岗位均由A岗值守',
  'staffing.grid': '网格',
  'staffing.role': '岗位',
  'staffing.holder': 'A岗（缺勤）',
  'staffing.backup': 'B岗（顶岗）',
  'staffing.until': '顶岗至',
  'staffing.nobody': '无人值守',
  'staffing.absences': '缺勤登记',
  'staffing.absencesEmpty': '近期没有缺勤登记',
  'staffing.person': '人员',
  'staffing.period': '时段',
  'staffing.periodOrder': '结束时间须晚于开始时间',
  'staffing.reason': '事由',
  'staffing.state': '状态',
  'staffing.state.current': '缺勤中',
  'staffing.state.upcoming': '未开始',
  'staffing.state.past': '已结束',
  'staffing.markAbsent': '登记缺勤',
  'staffing.marked': '已登记 {name} 缺勤，其岗位由B岗顶岗',
  'staffing.cancel': '撤销',
  'staffing.cancelConfirm': '撤销 {name} 的这次缺勤登记？',
  'staffing.cancelled': '已撤销缺勤登记',
  'staffing.personPlaceholder': '搜索姓名或用户名',
  'staffing.reasonPlaceholder': '如：病假、培训、年休假',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'staffing.intro':
    'Every post has a holder (A) and a named backup (B). While the holder is absent, the backup does the work of the post, and cases are routed to them.',
  'staffing.covered': 'Handed to a backup today ({count})',
  'staffing.coveredEmpty': 'Every post is held by its holder today',
  'staffing.grid': 'Grid',
  'staffing.role': 'Post',
  'staffing.holder': 'Holder (A, absent)',
  'staffing.backup': 'Backup (B, covering)',
  'staffing.until': 'Until',
  'staffing.nobody': 'Nobody covers',
  'staffing.absences': 'Absences',
  'staffing.absencesEmpty': 'No recent absences',
  'staffing.person': 'Person',
  'staffing.period': 'Period',
  'staffing.periodOrder': 'The end must be after the start',
  'staffing.reason': 'Reason',
  'staffing.state': 'State',
  'staffing.state.current': 'Absent now',
  'staffing.state.upcoming': 'Upcoming',
  'staffing.state.past': 'Over',
  'staffing.markAbsent': 'Mark absent',
  'staffing.marked': '{name} marked absent; the backups take over their posts',
  'staffing.cancel': 'Cancel',
  'staffing.cancelConfirm': 'Cancel this absence of {name}?',
  'staffing.cancelled': 'Absence cancelled',
  'staffing.personPlaceholder': 'Search name or username',
  'staffing.reasonPlaceholder': 'e.g. sick leave, training, holiday',
};

const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

export const useStaffingI18n = () => useModuleI18n(dictionaries);
