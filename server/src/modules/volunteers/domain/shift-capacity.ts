/**
 * Sign-up caps on a volunteer shift. The database enforces the cap under concurrency (a
 * conditional UPDATE that counts the place only while one is left, see the repository);
 * these are the same rules in words, for the answer and the page.
 */
export type SignUpCheck =
  | { ok: true; placesLeft: number }
  | { ok: false; reason: 'full' }
  | { ok: false; reason: 'already-signed-up' }
  | { ok: false; reason: 'shift-ended' };

export function checkSignUp(shift: {
  capacity: number;
  taken: number;
  /** A volunteer may join a shift until it ends (someone joining a clean-up already under way is welcome). */
  endsAt: Date;
  alreadySignedUp: boolean;
  now: Date;
}): SignUpCheck {
  if (shift.alreadySignedUp) return { ok: false, reason: 'already-signed-up' };
  if (shift.endsAt.getTime() <= shift.now.getTime()) return { ok: false, reason: 'shift-ended' };
  if (shift.taken >= shift.capacity) return { ok: false, reason: 'full' };
  return { ok: true, placesLeft: shift.capacity - shift.taken - 1 };
}
