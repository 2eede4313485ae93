import { useModuleI18n } from '../../lib/i18n/module-i18n';

/** UI strings of the flags tab and a grid's flag page. Chinese defines the keys; English must have every one. */
const zhCN = {
  'flags.tab': '异常线索',
  'flags.hint': '由检测规则自动发现的隐瞒难事、刷报易事、部门压件和随机检查的差异；点网格名称可查看线索背后的案件。',
  'flags.day': '日期',
  'flags.grid': '网格',
  'flags.subject': '对象',
  'flags.kind': '线索类型',
  'flags.evidence': '依据',
  'flags.cases': '案件数',
  'flags.empty': '本周期内该范围没有异常线索。',
  'flags.asOf': '统计截至 {time}',
  'flags.page.title': '{grid}：异常线索与案件',
  'flags.page.back': '返回考核',
  'flags.page.caseList': '线索背后的案件',
  'flags.page.none': '该网格本周期没有异常线索。',
  'flags.kind.hidden-hard': '难事少报（预期与实际）',
  'flags.kind.low-share': '难事多由他人发现（捕获—再捕获）',
  'flags.kind.padding-burst': '易事集中刷报',
  'flags.kind.department-delay': '部门压件拖延',
  'flags.kind.inspection-gap': '随机检查发现未报',
  'flags.kind.rubber-stamp': '检查员走过场',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'flags.tab': 'Flags',
  'flags.hint':
    'Found by the detectors: hidden hard matters, padded easy reports, departments sitting on cases, and what random inspections found against what was reported. Click a grid for the cases behind its flags.',
  'flags.day': 'Day',
  'flags.grid': 'Grid',
  'flags.subject': 'Subject',
  'flags.kind': 'Kind',
  'flags.evidence': 'Evidence',
  'flags.cases': 'Cases',
  'flags.empty': 'No flags in this scope for the period.',
  'flags.asOf': 'As of {time}',
  'flags.page.title': '{grid}: flags and their cases',
  'flags.page.back': 'Back to assessment',
  'flags.page.caseList': 'The cases behind the flag',
  'flags.page.none': 'This grid has no flags in the period.',
  'flags.kind.hidden-hard': 'Hard matters under-reported (expected vs observed)',
  'flags.kind.low-share': 'Hard matters found by others (capture–recapture)',
  'flags.kind.padding-burst': 'Bursts of easy reports (padding)',
  'flags.kind.department-delay': 'Department sits on cases',
  'flags.kind.inspection-gap': 'Inspection found unreported problems',
  'flags.kind.rubber-stamp': 'Inspector rubber-stamps',
};

const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

export const useFlagI18n = () => useModuleI18n(dictionaries);
