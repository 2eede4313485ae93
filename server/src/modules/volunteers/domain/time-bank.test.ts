import { describe, expect, it } from 'vitest';
import { balanceOf, canSpend, minutesToCredit, pointsOf } from './time-bank.js';

describe('the time bank', () => {
  it('credits verified hours 1 hour = 1 point, up to the activity cap', () => {
    expect(minutesToCredit({ verifiedMinutes: 180, alreadyCreditedInActivity: 0, capPoints: null })).toBe(180);
    expect(pointsOf(180)).toBe(3);
    // Cap 4 points = 240 min; 180 already credited: only 60 of another 180 count.
    expect(minutesToCredit({ verifiedMinutes: 180, alreadyCreditedInActivity: 180, capPoints: 4 })).toBe(60);
    expect(minutesToCredit({ verifiedMinutes: 30, alreadyCreditedInActivity: 240, capPoints: 4 })).toBe(0);
    expect(minutesToCredit({ verifiedMinutes: 0, alreadyCreditedInActivity: 0, capPoints: 4 })).toBe(0);
  });

  it('shows points to two decimals', () => {
    expect(pointsOf(90)).toBe(1.5);
    expect(pointsOf(20)).toBe(0.33);
    expect(pointsOf(0)).toBe(0);
  });

  it('keeps the balance as the sum of entries and spends only what is there', () => {
    const entries = [{ minutes: 180 }, { minutes: 60 }, { minutes: -120 }];
    expect(balanceOf(entries)).toBe(120);
    expect(canSpend(120, 120)).toBe(true);
    expect(canSpend(120, 121)).toBe(false);
    expect(canSpend(120, 0)).toBe(false);
  });
});
