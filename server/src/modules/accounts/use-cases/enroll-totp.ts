import * as OTPAuth from 'otpauth';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../platform/config.js';
import { encryptSecret } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';
import { totpStepOf } from './log-in.js';

/** Step 1: a new secret, stored sealed but not yet enabled; the user scans the otpauth URL. */
export async function startTotpEnrollment(db: Db, config: Config, actor: Actor, context: AuditContext) {
  const user = await accountsRepository.findUserById(db, actor.id);
  if (!user) throw new DomainError('not-found');
  if (user.totpEnabled) throw new DomainError('conflict', { what: 'TOTP' });
  const secret = new OTPAuth.Secret({ size: 20 });
  const totp = new OTPAuth.TOTP({ issuer: 'Yiwang', label: user.username, secret });
  await db.transaction(async (tx) => {
    await accountsRepository.updateUser(tx, user.id, {
      totpSecretSealed: encryptSecret(config.secretKey, secret.base32),
    });
    await recordAudit(tx, context, { action: 'user.totp.start', objectType: 'user', objectId: user.id });
  });
  return { secret: secret.base32, otpauthUrl: totp.toString() };
}

/** Step 2: the first valid code proves the phone holds the secret; only then is it required at login. */
export async function confirmTotpEnrollment(db: Db, config: Config, actor: Actor, context: AuditContext, code: string) {
  const user = await accountsRepository.findUserById(db, actor.id);
  if (!user?.totpSecretSealed) throw new DomainError('not-found');
  // A wrong code here is bad input from a signed-in user (400), not a failed sign-in (401).
  const step = totpStepOf(config, user, code, new Date());
  if (step === null) throw new DomainError('validation', {}, [{ field: 'code', code: 'totp' }]);
  await db.transaction(async (tx) => {
    // The code that proved the phone is spent too: it cannot be replayed to sign in.
    await accountsRepository.updateUser(tx, user.id, { totpEnabled: true, totpLastStep: step });
    await recordAudit(tx, context, { action: 'user.totp.enable', objectType: 'user', objectId: user.id });
  });
  forgetSessions(db);
}
