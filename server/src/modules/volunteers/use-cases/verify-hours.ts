import type { Signup, SignupList, VerifyHoursBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { minutesToCredit } from '../domain/time-bank.js';
import { presentSignup } from '../present-volunteers.js';
import { volunteersRepository } from '../volunteers.repository.js';

/**
 * The organizer verifies the hours a volunteer served on a shift (once): the minutes are kept
 * on the sign-up and credited to the volunteer's time bank (1 hour = 1 point) up to what the
 * activity's cap still allows, in one transaction.
 */
export async function verifyHours(
  db: Db,
  options: { actor: Actor; context: AuditContext; signupId: string; body: VerifyHoursBody; now: Date },
): Promise<{ kind: 'updated'; value: Signup }> {
  const { actor, context, signupId, body, now } = options;
  return db.transaction(async (tx) => {
    const found = await volunteersRepository.lockSignupInScope(tx, signupId, actor.scopePath);
    if (!found) throw new DomainError('not-found');
    if (found.signup.verifiedAt) throw new DomainError('hours-verified');
    if (found.shift.startsAt.getTime() > now.getTime()) throw new DomainError('shift-not-begun');
    const already = await volunteersRepository.creditedInActivity(tx, found.signup.volunteerId, found.activity.id);
    const credited = minutesToCredit({
      verifiedMinutes: body.minutes,
      alreadyCreditedInActivity: already,
      capPoints: found.activity.capPoints,
    });
    const signup = await volunteersRepository.markVerified(tx, signupId, {
      verifiedMinutes: body.minutes,
      creditedMinutes: credited,
      verifiedBy: actor.kind === 'user' ? actor.id : null,
      verifiedAt: now,
    });
    if (credited > 0) {
      await volunteersRepository.insertTimeBankEntry(tx, {
        volunteerId: found.signup.volunteerId,
        minutes: credited,
        kind: 'earned',
        signupId,
        note: body.note?.trim() || found.activity.title,
      });
    }
    await recordAudit(tx, context, {
      action: 'volunteer-hours.verify',
      objectType: 'volunteer-signup',
      objectId: signupId,
      scopePath: found.activity.path,
      details: { minutes: body.minutes, credited, activityId: found.activity.id },
    });
    return { kind: 'updated', value: presentSignup(signup, found.volunteerName) };
  });
}

/** Who signed up for a shift of my scope, with their verified hours. */
export async function listShiftSignups(db: Db, actor: Actor, shiftId: string): Promise<SignupList> {
  const found = await volunteersRepository.shiftInScope(db, shiftId, actor.scopePath);
  if (!found) throw new DomainError('not-found');
  const rows = await volunteersRepository.signupsOfShift(db, shiftId);
  return { items: rows.map((r) => presentSignup(r.signup, r.volunteerName)) };
}
