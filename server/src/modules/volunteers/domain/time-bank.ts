/**
 * The time bank (时间银行): 1 hour of verified volunteer service = 1 point. Time is kept in
 * minutes (integers, no floats): 60 minutes = 1 point. Each activity may cap the points a
 * volunteer earns from it in all; the balance is the sum of the volunteer's ledger entries
 * (earned +, spent −), never a counter that is overwritten.
 */
export const MINUTES_PER_POINT = 60;

/**
 * The minutes to credit for hours the organizer just verified: all of them while the
 * activity's cap (in points) leaves room, else what room is left (never below zero).
 * `capPoints` null = no cap.
 */
export function minutesToCredit(options: {
  verifiedMinutes: number;
  alreadyCreditedInActivity: number;
  capPoints: number | null;
}): number {
  const { verifiedMinutes, alreadyCreditedInActivity, capPoints } = options;
  if (verifiedMinutes <= 0) return 0;
  if (capPoints === null) return verifiedMinutes;
  const room = capPoints * MINUTES_PER_POINT - alreadyCreditedInActivity;
  return Math.max(0, Math.min(verifiedMinutes, room));
}

/** Points for a number of minutes, to two decimals (90 min → 1.5, 20 min → 0.33). */
export const pointsOf = (minutes: number): number => Math.round((minutes * 100) / MINUTES_PER_POINT) / 100;

/** A volunteer's balance in minutes: the sum of their entries. */
export const balanceOf = (entries: readonly { minutes: number }[]): number =>
  entries.reduce((sum, e) => sum + e.minutes, 0);

/** Points may be spent only from what is there. */
export const canSpend = (balanceMinutes: number, minutes: number): boolean => minutes > 0 && minutes <= balanceMinutes;
