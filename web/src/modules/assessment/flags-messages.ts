import { useModuleI18n } from '../../lib/i18n/module-i18n';

/** UI strings of the flags tab (loaded with the assessment page). Chinese defines the keys; English must have every one. */
const zhCN = {
  'flags.tab': '异常识别',
  'flags.hint':
    '系统按统计规律找出可能的“只报易、不报难”、凑数、自报自核、核查不在现场、部门拖延和检查走过场。每条都写明依据，并列出背后的案件；它是核查的线索，不是定论。',
  'flags.level.all': '全部',
  'flags.level.grid': '网格',
  'flags.level.worker': '网格员',
  'flags.level.department': '部门',
  'flags.level.inspector': '检查人员',
  'flags.kind': '类型',
  'flags.who': '对象',
  'flags.grid': '网格',
  'flags.why': '依据',
  'flags.cases': '案件',
  'flags.casesCount': '{count} 件',
  'flags.showCases': '查看案件',
  'flags.casesOf': '“{name}”的{kind}：背后的案件',
  'flags.noCases': '这条线索没有具体案件（依据的是检查记录）。',
  'flags.close': '收起',
  'flags.empty': '本周期内没有发现异常。',
  'flags.day': '日期',
  'flags.asOf': '统计截至 {time}',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'flags.tab': 'Flags',
  'flags.hint':
    'Statistical signs of reporting easy matters but not hard ones, padding, self-verification, verifying away from the place, departments that delay and inspectors who rubber-stamp. Each says why and lists the cases behind it: a lead to check, not a verdict.',
  'flags.level.all': 'All',
  'flags.level.grid': 'Grids',
  'flags.level.worker': 'Grid workers',
  'flags.level.department': 'Departments',
  'flags.level.inspector': 'Inspectors',
  'flags.kind': 'Kind',
  'flags.who': 'About',
  'flags.grid': 'Grid',
  'flags.why': 'Why',
  'flags.cases': 'Cases',
  'flags.casesCount': '{count} cases',
  'flags.showCases': 'Show cases',
  'flags.casesOf': '{kind} of “{name}”: the cases behind it',
  'flags.noCases': 'No cases behind this lead (it rests on inspection findings).',
  'flags.close': 'Close',
  'flags.empty': 'Nothing flagged in this period.',
  'flags.day': 'Date',
  'flags.asOf': 'As of {time}',
};

const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

export const useFlagsI18n = () => useModuleI18n(dictionaries);
