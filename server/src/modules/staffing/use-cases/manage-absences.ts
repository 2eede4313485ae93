import type { CreateAbsenceBody } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { accountsLookups } from '../../accounts/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { staffingRepository } from '../staffing.repository.js';

/**
 * Marks a person absent for a period: while it lasts, each of their posts is done by
 * the post's backup (see currentHolder). The person must be within the caller's scope.
 */
export async function markAbsent(db: Db, actor: Actor, context: AuditContext, input: CreateAbsenceBody) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt)) throw new DomainError('validation', {}, [{ field: 'endsAt', code: 'after-start' }]);
  const person = await accountsLookups.findUserInScope(db, input.userId, actor.scopePath);
  if (!person)
    throw new DomainError('invalid-reference', { what: input.userId }, [{ field: 'userId', code: 'invalid' }]);
  return db.transaction(async (tx) => {
    const absence = await staffingRepository.insertAbsence(tx, {
      userId: input.userId,
      startsAt,
      endsAt,
      reason: input.reason,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'absence.create',
      objectType: 'absence',
      objectId: absence.id,
      details: { userId: input.userId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason },
    });
    return { ...absence, userName: person.displayName, username: person.username };
  });
}

export async function cancelAbsence(db: Db, actor: Actor, context: AuditContext, id: string): Promise<void> {
  const absence = await staffingRepository.findAbsence(db, id);
  if (
    !absence ||
    absence.cancelledAt ||
    !(await accountsLookups.findUserInScope(db, absence.userId, actor.scopePath))
  ) {
    throw new DomainError('not-found');
  }
  await db.transaction(async (tx) => {
    await staffingRepository.cancelAbsence(tx, id, new Date());
    await recordAudit(tx, context, { action: 'absence.cancel', objectType: 'absence', objectId: id });
  });
}
