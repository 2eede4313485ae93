import { describe, expect, it } from 'vitest';
import {
  atLeastPercent,
  decisionProgress,
  isTopicExpired,
  MEETING_TYPE_RULES,
  moreThanPercent,
  normalizeCode,
  paperCountFits,
  registrationCode,
  supporterKeyOf,
  tallyVotes,
  taskStepOfCaseState,
  topicProgress,
} from './consultation-rules.js';

const none = { yes: 0, no: 0, abstain: 0 };

describe('who counts once', () => {
  it('a person until the registry links a household; then the household', () => {
    expect(supporterKeyOf({ userId: 'u1', householdId: null })).toBe('user:u1');
    expect(supporterKeyOf({ userId: 'u1', householdId: 'h9' })).toBe('household:h9');
    expect(supporterKeyOf({ userId: 'u1', householdId: 'h9' }, 'person')).toBe('user:u1');
  });
});

describe('a topic’s threshold', () => {
  it('3 of 5: 60 %, 2 missing; 5 of 5 and 7 of 5 reached, the bar stops at 100', () => {
    expect(topicProgress(3, 5)).toEqual({ supportCount: 3, threshold: 5, percent: 60, missing: 2, reached: false });
    expect(topicProgress(5, 5)).toMatchObject({ percent: 100, missing: 0, reached: true });
    expect(topicProgress(7, 5)).toMatchObject({ percent: 100, missing: 0, reached: true });
    expect(topicProgress(1, 3).percent).toBe(33);
  });

  it('expires only while open, at its expiry instant', () => {
    const expiresAt = new Date('2026-12-01T00:00:00Z');
    expect(isTopicExpired({ state: 'open', expiresAt }, new Date('2026-11-30T23:59:59Z'))).toBe(false);
    expect(isTopicExpired({ state: 'open', expiresAt }, expiresAt)).toBe(true);
    expect(isTopicExpired({ state: 'qualified', expiresAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('percentages', () => {
  it('more than half of 7 is 4, of 8 is 5, of 0 is 1; at least 67 % of 9 is 7 (6.03 rounded up)', () => {
    expect(moreThanPercent(7, 50)).toBe(4);
    expect(moreThanPercent(8, 50)).toBe(5);
    expect(moreThanPercent(0, 50)).toBe(1);
    expect(atLeastPercent(9, 67)).toBe(7);
    expect(atLeastPercent(10, 50)).toBe(5);
  });
});

describe('counting a vote (hand-worked)', () => {
  const council = MEETING_TYPE_RULES.council;

  it('council: 9 registered, 7 take part (quorum 7); online 2 yes 1 no, paper 2 yes 1 no 1 abstain → 4 of 7 cast, adopted', () => {
    const tally = tallyVotes({
      rules: council,
      registered: 9,
      participants: 7,
      online: { yes: 2, no: 1, abstain: 0 },
      paper: { yes: 2, no: 1, abstain: 1 },
    });
    expect(tally).toEqual({
      result: 'adopted',
      quorumNeeded: 7,
      quorumMet: true,
      yes: 4,
      no: 2,
      abstain: 1,
      cast: 7,
      majorityBaseCount: 7,
      yesNeeded: 4,
    });
  });

  it('council: the same with one yes less is 3 of 6 cast, not more than half → rejected', () => {
    const tally = tallyVotes({
      rules: council,
      registered: 9,
      participants: 7,
      online: { yes: 1, no: 1, abstain: 0 },
      paper: { yes: 2, no: 1, abstain: 1 },
    });
    expect(tally).toMatchObject({ result: 'rejected', cast: 6, yes: 3, yesNeeded: 4 });
  });

  it('council: 6 of 9 take part, below the quorum of 7 → not voted, whatever the count', () => {
    const tally = tallyVotes({
      rules: council,
      registered: 9,
      participants: 6,
      online: none,
      paper: { yes: 6, no: 0, abstain: 0 },
    });
    expect(tally).toMatchObject({ result: 'no_quorum', quorumNeeded: 7, quorumMet: false });
  });

  it('residents’ meeting (of the participants): 10 take part, 5 yes 1 no → 5 is not more than half of 10 → rejected', () => {
    const tally = tallyVotes({
      rules: MEETING_TYPE_RULES.residents_meeting,
      registered: 12,
      participants: 10,
      online: { yes: 3, no: 1, abstain: 0 },
      paper: { yes: 2, no: 0, abstain: 0 },
    });
    expect(tally).toMatchObject({ result: 'rejected', quorumNeeded: 6, majorityBaseCount: 10, yesNeeded: 6, yes: 5 });
  });

  it('representatives (more than 66 % of participants): 6 take part; 66 % of 6 is 3.96, so 4 yes are needed — 3 rejected, 4 adopted', () => {
    const rules = MEETING_TYPE_RULES.representatives_meeting;
    const base = { rules, registered: 6, participants: 6, online: none };
    expect(tallyVotes({ ...base, paper: { yes: 3, no: 3, abstain: 0 } })).toMatchObject({
      result: 'rejected',
      yesNeeded: 4,
    });
    expect(tallyVotes({ ...base, paper: { yes: 4, no: 2, abstain: 0 } })).toMatchObject({
      result: 'adopted',
      yesNeeded: 4,
    });
  });

  it('nobody registered and nobody present: never a quorum', () => {
    expect(tallyVotes({ rules: council, registered: 0, participants: 0, online: none, paper: none }).result).toBe(
      'no_quorum',
    );
  });

  it('paper ballots: at most one per voter at the door', () => {
    expect(paperCountFits({ yes: 2, no: 1, abstain: 0 }, 3)).toBe(true);
    expect(paperCountFits({ yes: 2, no: 1, abstain: 1 }, 3)).toBe(false);
  });
});

describe('door codes', () => {
  it('6 characters without look-alikes; typed codes read generously', () => {
    let i = 0;
    const code = registrationCode(() => (i++ % 10) / 10);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(normalizeCode(' ab2c d3 ')).toBe('AB2CD3');
  });
});

describe('a decision’s progress', () => {
  it('the mean of its live tasks; done when all are done', () => {
    expect(decisionProgress([])).toEqual({ progress: 0, state: 'in_progress' });
    expect(
      decisionProgress([
        { status: 'in_progress', progress: 50 },
        { status: 'done', progress: 100 },
        { status: 'cancelled', progress: 0 },
      ]),
    ).toEqual({ progress: 75, state: 'in_progress' });
    expect(decisionProgress([{ status: 'done', progress: 100 }])).toEqual({ progress: 100, state: 'done' });
  });

  it('a case’s state read as a task step', () => {
    expect(taskStepOfCaseState('dispatched')).toEqual({ status: 'in_progress', progress: 25 });
    expect(taskStepOfCaseState('closed')).toEqual({ status: 'done', progress: 100 });
    expect(taskStepOfCaseState('on_hold')).toBeNull();
  });
});
