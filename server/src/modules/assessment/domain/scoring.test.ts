import { describe, expect, it } from 'vitest';
import { COUNTY, NOVEMBER } from './hand-made-county.test-helpers.js';
import { checkScoringRules, DEFAULT_SCORING_RULES, type ScoringRuleSet, scoreOf } from './scoring.js';

describe('a score explained line by line (the hand-made county, November 2026, counted by hand)', () => {
  it('default rules: on-time closure 2/5 = 40 % → 50 − 30 × 1 = 20; 1 rework → −0.2; 1 false report (C) → −1; total 18.8', () => {
    const score = scoreOf(DEFAULT_SCORING_RULES, COUNTY, NOVEMBER);
    expect(score.lines.map((l) => l.points)).toEqual([20, -0.2, -1]);
    expect(score.total).toBe(18.8);
    expect(score.lines[0]?.measured['zh-CN']).toBe('按期结案率 40.0%（2/5）');
    expect(score.lines[0]?.text['zh-CN']).toBe('按期结案率 ≥ 70% 得 50 分，每低 1 个百分点扣 1 分');
    // The cases behind each line: those that missed on-time closure, the reworked one, the false report.
    expect(score.lines[0]?.cases.map((c) => c.code).sort()).toEqual(['B', 'F', 'H']);
    expect(score.lines[1]?.cases).toEqual([{ caseId: 'B', code: 'B', times: 1 }]);
    expect(score.lines[2]?.cases.map((c) => c.code)).toEqual(['C']);
  });

  it('a threshold line never goes below 0; overdue and rejected returns count their cases', () => {
    const strict: ScoringRuleSet = {
      version: 3,
      rules: [
        { kind: 'threshold', indicator: 'onTimeHandlingRate', atLeast: 100, points: 10, perPointBelow: 1 },
        { kind: 'per-case', event: 'overdue', points: -2 },
        { kind: 'per-case', event: 'rejected-return', points: -0.5 },
      ],
    };
    // on-time handling 4/6 = 66.7 % → 10 − 33.3 < 0 → 0; overdue H → −2; rejected return E → −0.5
    const score = scoreOf(strict, COUNTY, NOVEMBER);
    expect(score.lines.map((l) => l.points)).toEqual([0, -2, -0.5]);
    expect(score).toMatchObject({ version: 3, total: -2.5 });
    expect(score.lines[1]?.cases.map((c) => c.code)).toEqual(['H']);
  });

  it('nothing to judge gives no points and says so', () => {
    const score = scoreOf(DEFAULT_SCORING_RULES, [], NOVEMBER);
    expect(score.total).toBe(0);
    expect(score.lines[0]?.measured['en-US']).toBe('On-time closure rate: nothing to judge, no points');
  });

  it('a rule set with a threshold above 100 % or negative points is refused, naming the line', () => {
    expect(
      checkScoringRules([{ kind: 'threshold', indicator: 'closureRate', atLeast: 120, points: -1, perPointBelow: 1 }]),
    ).toEqual([
      { field: 'rules/0/atLeast', code: 'invalid' },
      { field: 'rules/0/points', code: 'invalid' },
    ]);
    expect(checkScoringRules(DEFAULT_SCORING_RULES.rules)).toEqual([]);
  });
});
