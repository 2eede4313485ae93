import {
  COUNT_INDICATORS,
  INDICATOR_LABELS,
  type LocalizedText,
  SCORED_EVENTS,
  type ScoringRule,
} from '@yiwang/contracts';
import { accountableCasesOf } from './accountability.js';
import type { CaseFacts } from './case-facts.js';
import { INDICATOR_FORMULAS, type IndicatorWindow } from './indicators.js';
import { isWithin } from './periods.js';

/**
 * Scoring rules as configuration (考核细则): a versioned list of lines, each either a
 * threshold on an indicator ("on-time closure ≥ 70 % → 50 points, −1 per point below") or
 * points per counted case ("−0.2 per rework"). A unit's score is the sum of its lines, and
 * every line explains itself down to the cases behind it.
 */

export type { ScoringRule };
export { SCORED_EVENTS };
export type ScoredEvent = (typeof SCORED_EVENTS)[number];

export interface ScoringRuleSet {
  /** 0: the built-in default, in force until the county saves its own. */
  readonly version: number;
  readonly rules: readonly ScoringRule[];
}

/** The example: on-time closure ≥ 70 % → 50 points, −1 per point below; −0.2 per rework; −1 per false report. */
export const DEFAULT_SCORING_RULES: ScoringRuleSet = {
  version: 0,
  rules: [
    { kind: 'threshold', indicator: 'onTimeClosureRate', atLeast: 70, points: 50, perPointBelow: 1 },
    { kind: 'per-case', event: 'rework', points: -0.2 },
    { kind: 'per-case', event: 'invalid-report', points: -1 },
  ],
};

const EVENT_LABELS: Readonly<Record<ScoredEvent, LocalizedText>> = {
  rework: { 'zh-CN': '返工', 'en-US': 'rework' },
  'rejected-return': { 'zh-CN': '推诿（退单被驳回）', 'en-US': 'rejected return' },
  overdue: { 'zh-CN': '超期案件', 'en-US': 'overdue case' },
  'invalid-report': { 'zh-CN': '虚报（上报被作废为无效）', 'en-US': 'false report' },
};

export interface ScoreLine {
  readonly rule: ScoringRule;
  /** The rule in words. */
  readonly text: LocalizedText;
  /** What was measured, in words ("按期结案率 60.0%（3/5）", "返工 2 次"). */
  readonly measured: LocalizedText;
  readonly points: number;
  /** The cases behind the line: those that cost points, with how many times each counted. */
  readonly cases: readonly { readonly caseId: string; readonly code: string; readonly times: number }[];
}

export interface Score {
  readonly version: number;
  readonly total: number;
  readonly lines: readonly ScoreLine[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number) => String(round2(n));

/** Problems with a rule set, as field paths and codes (empty: it may be saved). */
export function checkScoringRules(rules: readonly ScoringRule[]): { field: string; code: string }[] {
  const problems: { field: string; code: string }[] = [];
  rules.forEach((rule, i) => {
    if (rule.kind === 'threshold') {
      if (COUNT_INDICATORS.includes(rule.indicator)) problems.push({ field: `rules/${i}/indicator`, code: 'invalid' });
      if (rule.atLeast < 0 || rule.atLeast > 100) problems.push({ field: `rules/${i}/atLeast`, code: 'invalid' });
      if (rule.points < 0) problems.push({ field: `rules/${i}/points`, code: 'invalid' });
      if (rule.perPointBelow < 0) problems.push({ field: `rules/${i}/perPointBelow`, code: 'invalid' });
    }
  });
  return problems;
}

function ruleText(rule: ScoringRule): LocalizedText {
  if (rule.kind === 'threshold') {
    const name = INDICATOR_LABELS[rule.indicator];
    return {
      'zh-CN': `${name['zh-CN']} ≥ ${fmt(rule.atLeast)}% 得 ${fmt(rule.points)} 分，每低 1 个百分点扣 ${fmt(rule.perPointBelow)} 分`,
      'en-US': `${name['en-US']} ≥ ${fmt(rule.atLeast)}%: ${fmt(rule.points)} points, −${fmt(rule.perPointBelow)} per point below`,
    };
  }
  const name = EVENT_LABELS[rule.event];
  return {
    'zh-CN': `每次${name['zh-CN']} ${rule.points >= 0 ? '加' : '扣'} ${fmt(Math.abs(rule.points))} 分`,
    'en-US': `${rule.points >= 0 ? '+' : '−'}${fmt(Math.abs(rule.points))} per ${name['en-US']}`,
  };
}

/** The cases a per-case line counts in the window, with how many times each. */
function countedCases(event: ScoredEvent, facts: readonly CaseFacts[], w: IndicatorWindow) {
  const inWindow = (at: Date) => isWithin(at, w) && at.getTime() <= w.asOf.getTime();
  const times = (f: CaseFacts): number => {
    switch (event) {
      case 'rework':
        return f.verifications.filter((v) => !v.passed && inWindow(v.at)).length;
      case 'rejected-return':
        return f.rejectedReturns.filter(inWindow).length;
      case 'invalid-report':
        return inWindow(f.reportedAt) && f.voidedInvalidAt !== null && f.voidedInvalidAt.getTime() <= w.asOf.getTime()
          ? 1
          : 0;
      case 'overdue':
        return 0;
    }
  };
  if (event === 'overdue') {
    return accountableCasesOf(facts, w)
      .filter((c) => c.reason === 'overdue')
      .map((c) => ({ caseId: c.facts.caseId, code: c.facts.code, times: 1 }));
  }
  return facts.map((f) => ({ caseId: f.caseId, code: f.code, times: times(f) })).filter((c) => c.times > 0);
}

/** The score of one unit's cases under a rule set, line by line. */
export function scoreOf(ruleSet: ScoringRuleSet, facts: readonly CaseFacts[], w: IndicatorWindow): Score {
  const lines = ruleSet.rules.map((rule): ScoreLine => {
    if (rule.kind === 'threshold') {
      const result = INDICATOR_FORMULAS[rule.indicator](facts, w);
      const name = INDICATOR_LABELS[rule.indicator];
      if (result.value === null) {
        return {
          rule,
          text: ruleText(rule),
          measured: {
            'zh-CN': `${name['zh-CN']}：无可考核的案件，不得分`,
            'en-US': `${name['en-US']}: nothing to judge, no points`,
          },
          points: 0,
          cases: [],
        };
      }
      const percent = result.value * 100;
      const points = Math.max(0, rule.points - Math.max(0, rule.atLeast - percent) * rule.perPointBelow);
      const ratio = `${result.numerator}/${result.denominator}`;
      return {
        rule,
        text: ruleText(rule),
        measured: {
          'zh-CN': `${name['zh-CN']} ${percent.toFixed(1)}%（${ratio}）`,
          'en-US': `${name['en-US']} ${percent.toFixed(1)}% (${ratio})`,
        },
        points: round2(points),
        cases: result.against.map((f) => ({ caseId: f.caseId, code: f.code, times: 1 })),
      };
    }
    const cases = countedCases(rule.event, facts, w);
    const count = cases.reduce((n, c) => n + c.times, 0);
    const name = EVENT_LABELS[rule.event];
    return {
      rule,
      text: ruleText(rule),
      measured: { 'zh-CN': `${name['zh-CN']} ${count} 次`, 'en-US': `${count} × ${name['en-US']}` },
      points: round2(count * rule.points),
      cases,
    };
  });
  return { version: ruleSet.version, total: round2(lines.reduce((n, l) => n + l.points, 0)), lines };
}
