import { useModuleI18n } from '../../lib/i18n/module-i18n';

/** UI strings of the 双随机 tab of the assessment page. Chinese defines the keys; English must have every one. */
const zhCN = {
  'draws.tab': '双随机抽查',
  'draws.period': '抽查周期',
  'draws.publicValue': '公开随机值',
  'draws.publicValueHint': '例如当日彩票开奖号码；不填则由系统生成随机数并公示',
  'draws.gridShare': '网格抽取比例（%）',
  'draws.flagged': '重点网格（加权）',
  'draws.takeFlagged': '带入本期异常网格',
  'draws.tookFlagged': '已带入 {count} 个异常网格',
  'draws.draw': '抽取',
  'draws.drawn': '已抽取：{pairs} 对',
  'draws.created': '抽取时间',
  'draws.seed': '种子',
  'draws.hash': '名录快照哈希',
  'draws.pairs': '抽中对数',
  'draws.unstaffed': '无可回避人员',
  'draws.verify': '复核',
  'draws.matches': '复算一致',
  'draws.differs': '复算不一致',
  'draws.target': '检查对象',
  'draws.inspector': '检查人员',
  'draws.findings': '检查结果',
  'draws.finding': '发现 {found}，已上报 {reported}',
  'draws.none': '尚无抽取。',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'draws.tab': 'Random inspections',
  'draws.period': 'Period',
  'draws.publicValue': 'Public random value',
  'draws.publicValueHint': 'e.g. the day’s lottery result; left empty, the server makes random hex and shows it',
  'draws.gridShare': 'Share of grids (%)',
  'draws.flagged': 'Flagged grids (weighted)',
  'draws.takeFlagged': "Take in this period's flagged grids",
  'draws.tookFlagged': '{count} flagged grids taken in',
  'draws.draw': 'Draw',
  'draws.drawn': 'Drawn: {pairs} pairs',
  'draws.created': 'Drawn at',
  'draws.seed': 'Seed',
  'draws.hash': 'Registry snapshot hash',
  'draws.pairs': 'Pairs',
  'draws.unstaffed': 'No inspector free of recusal',
  'draws.verify': 'Re-run',
  'draws.matches': 'Re-run matches',
  'draws.differs': 'Re-run differs',
  'draws.target': 'Target',
  'draws.inspector': 'Inspector',
  'draws.findings': 'Findings',
  'draws.finding': 'found {found}, reported {reported}',
  'draws.none': 'No draws yet.',
};

const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

export const useDrawsI18n = () => useModuleI18n(dictionaries);
