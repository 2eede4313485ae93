import { useModuleI18n } from '../../lib/i18n/module-i18n';

/** UI strings of the fair-score tab (loaded with the assessment page). Chinese defines the keys; English must have every one. */
const zhCN = {
  'fairScore.tab': '公平得分',
  'fairScore.level.grid': '网格',
  'fairScore.level.worker': '网格员',
  'fairScore.hint':
    '按事项难度加权：已解决的上报按权重（难度² × 部门数 × 层级）加分，难事由他人先发现而本网格从未上报的按权重扣分。左为按上报数的排名，右为公平排名；展开一行可看到每条得分背后的案件。',
  'fairScore.plainCount': '上报数',
  'fairScore.countRank': '按上报数排名',
  'fairScore.total': '公平得分',
  'fairScore.fairRank': '公平排名',
  'fairScore.line': '得分项',
  'fairScore.measured': '实际',
  'fairScore.points': '分值',
  'fairScore.cases': '案件（权重）',
  'fairScore.empty': '本周期内该范围没有可计分的上报。',
  'fairScore.day': '日期',
  'fairScore.asOf': '统计截至 {time}',
};

const enUS: Record<keyof typeof zhCN, string> = {
  'fairScore.tab': 'Fair scores',
  'fairScore.level.grid': 'Grid',
  'fairScore.level.worker': 'Grid worker',
  'fairScore.hint':
    'Weighted by difficulty: each solved report earns its matter’s weight (difficulty² × departments × level); a hard matter someone else found first and the grid never reported costs its weight. The rank by report count is shown beside the fair rank; expand a row for the cases behind each line.',
  'fairScore.plainCount': 'Reports',
  'fairScore.countRank': 'Rank by count',
  'fairScore.total': 'Fair score',
  'fairScore.fairRank': 'Fair rank',
  'fairScore.line': 'Line',
  'fairScore.measured': 'Measured',
  'fairScore.points': 'Points',
  'fairScore.cases': 'Cases (weight)',
  'fairScore.empty': 'No report to score in this scope and period.',
  'fairScore.day': 'Date',
  'fairScore.asOf': 'As of {time}',
};

const dictionaries = { 'zh-CN': zhCN, 'en-US': enUS };

export const useFairScoreI18n = () => useModuleI18n(dictionaries);
