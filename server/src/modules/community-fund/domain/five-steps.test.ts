import { describe, expect, it } from 'vitest';
import { checkStep, nextStep, spendingStatusOf } from './five-steps.js';

describe('the five steps of a spending', () => {
  it('are recorded in order; the money moves at implement; oversee completes it', () => {
    expect(checkStep(['propose'], 'resolve')).toEqual({ ok: true, pays: false, completes: false });
    expect(checkStep(['propose', 'resolve'], 'implement')).toEqual({ ok: true, pays: true, completes: false });
    expect(checkStep(['propose', 'resolve', 'implement', 'inspect'], 'oversee')).toEqual({
      ok: true,
      pays: false,
      completes: true,
    });
  });

  it('no payment before the council resolved; no step twice', () => {
    expect(checkStep(['propose'], 'implement')).toEqual({ ok: false, reason: 'out-of-order', expected: 'resolve' });
    expect(checkStep([], 'resolve')).toEqual({ ok: false, reason: 'out-of-order', expected: 'propose' });
    expect(checkStep(['propose'], 'propose')).toEqual({ ok: false, reason: 'already-recorded' });
  });

  it('say where a spending stands', () => {
    expect(nextStep([])).toBe('propose');
    expect(nextStep(['propose', 'resolve', 'implement', 'inspect', 'oversee'])).toBeNull();
    expect(spendingStatusOf(['propose'])).toBe('awaiting-resolution');
    expect(spendingStatusOf(['propose', 'resolve'])).toBe('awaiting-payment');
    expect(spendingStatusOf(['propose', 'resolve', 'implement'])).toBe('paid');
    expect(spendingStatusOf(['propose', 'resolve', 'implement', 'inspect', 'oversee'])).toBe('completed');
  });
});
