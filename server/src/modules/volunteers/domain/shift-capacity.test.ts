import { describe, expect, it } from 'vitest';
import { checkSignUp } from './shift-capacity.js';

const now = new Date('2026-12-03T02:00:00Z');
const tomorrow = new Date('2026-12-04T01:00:00Z');

describe('signing up for a shift', () => {
  it('takes a place while one is left', () => {
    expect(checkSignUp({ capacity: 3, taken: 0, endsAt: tomorrow, alreadySignedUp: false, now })).toEqual({
      ok: true,
      placesLeft: 2,
    });
    expect(checkSignUp({ capacity: 3, taken: 2, endsAt: tomorrow, alreadySignedUp: false, now })).toEqual({
      ok: true,
      placesLeft: 0,
    });
  });

  it('is refused when full, twice, or once the shift has ended', () => {
    expect(checkSignUp({ capacity: 3, taken: 3, endsAt: tomorrow, alreadySignedUp: false, now })).toEqual({
      ok: false,
      reason: 'full',
    });
    expect(checkSignUp({ capacity: 3, taken: 1, endsAt: tomorrow, alreadySignedUp: true, now })).toEqual({
      ok: false,
      reason: 'already-signed-up',
    });
    expect(checkSignUp({ capacity: 3, taken: 0, endsAt: now, alreadySignedUp: false, now })).toEqual({
      ok: false,
      reason: 'shift-ended',
    });
  });
});
