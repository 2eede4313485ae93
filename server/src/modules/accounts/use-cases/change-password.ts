import type { Db } from '../../../db/client.js';
import type { Config } from '../../../platform/config.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';
import { hashPassword, verifyPassword } from '../passwords.js';

export interface ChangePasswordOptions {
  db: Db;
  config: Config;
  actor: Actor;
  context: AuditContext;
  currentPassword: string;
  /** Already checked against the password rules by the request schema (contracts NewPassword). */
  newPassword: string;
  now?: Date;
}

/**
 * A signed-in user replaces their own password. The current one is asked again (a session
 * left open must not be enough to take the account over); a wrong one counts towards the
 * lockout like a wrong login. The account's other sessions end; this one stays, now free
 * of the one-time-password restriction.
 */
export async function changePassword(options: ChangePasswordOptions): Promise<void> {
  const { db, config, actor, context } = options;
  const now = options.now ?? new Date();
  if (actor.kind !== 'user' || !actor.sessionId) throw new DomainError('forbidden');
  const user = await accountsRepository.findUserById(db, actor.id);
  if (!user) throw new DomainError('unauthenticated');

  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    const lockUntil = new Date(now.getTime() + config.lockout.minutes * 60_000);
    await accountsRepository.recordFailedLogin(db, user.id, config.lockout.maxFailures, lockUntil);
    await db.transaction((tx) =>
      recordAudit(tx, context, {
        action: 'user.password-change',
        objectType: 'user',
        objectId: user.id,
        outcome: 'failure',
        details: { reason: 'wrong-current-password' },
      }),
    );
    throw new DomainError('current-password-wrong', {}, [{ field: 'currentPassword', code: 'incorrect' }]);
  }
  if (options.newPassword === options.currentPassword) {
    throw new DomainError('validation', {}, [{ field: 'newPassword', code: 'same-as-current' }]);
  }

  const passwordHash = await hashPassword(options.newPassword);
  const sessionId = actor.sessionId;
  await db.transaction(async (tx) => {
    await accountsRepository.updateUser(tx, user.id, {
      passwordHash,
      mustChangePassword: false,
      failedLogins: 0,
      lockedUntil: null,
    });
    await accountsRepository.deleteOtherSessionsOfUser(tx, user.id, sessionId);
    await recordAudit(tx, context, {
      action: 'user.password-change',
      objectType: 'user',
      objectId: user.id,
      details: { oneTimePasswordReplaced: user.mustChangePassword },
    });
  });
  forgetSessions(db);
}
