import type { Signup } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { checkSignUp } from '../domain/shift-capacity.js';
import { presentSignup } from '../present-volunteers.js';
import { volunteersRepository } from '../volunteers.repository.js';

/**
 * The signed-in volunteer takes a place on a shift of their community's activity. The place
 * is taken by one conditional UPDATE, so concurrent sign-ups never overbook; a second sign-up
 * of the same volunteer is refused (and gives its place back: one transaction).
 */
export async function signUpForShift(
  db: Db,
  options: { actor: Actor; context: AuditContext; shiftId: string; now: Date },
): Promise<{ kind: 'created'; value: Signup }> {
  const { actor, context, shiftId, now } = options;
  const found = await volunteersRepository.shiftInScope(db, shiftId, actor.scopePath);
  if (!found) throw new DomainError('not-found');
  const volunteer = await volunteersRepository.volunteerOfUser(db, actor.id, found.activity.communityCode);
  if (!volunteer) throw new DomainError('volunteer-not-registered');
  return db.transaction(async (tx) => {
    const taken = await volunteersRepository.takePlace(tx, shiftId, now);
    if (!taken) {
      const check = checkSignUp({ ...found.shift, alreadySignedUp: false, now });
      throw new DomainError(check.ok || check.reason === 'full' ? 'shift-full' : 'shift-ended');
    }
    const signup = await volunteersRepository.insertSignup(tx, { shiftId, volunteerId: volunteer.id });
    if (!signup) throw new DomainError('shift-signed-up');
    await recordAudit(tx, context, {
      action: 'volunteer-shift.sign-up',
      objectType: 'volunteer-signup',
      objectId: signup.id,
      scopePath: found.activity.path,
      details: { shiftId, activityId: found.activity.id, placesLeft: taken.capacity - taken.taken },
    });
    return { kind: 'created', value: presentSignup(signup, volunteer.name) };
  });
}
