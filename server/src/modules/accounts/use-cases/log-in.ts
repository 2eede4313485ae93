import { createHmac, hkdfSync } from 'node:crypto';
import type { Role } from '@yiwang/contracts';
import * as OTPAuth from 'otpauth';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../platform/config.js';
import { decryptSecret, randomToken, sha256Hex } from '../../../platform/crypto.js';
import { DomainError } from '../../../platform/errors.js';
import { isMainlandMobile, maskPhone, phoneIndex } from '../../../platform/phone.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { accountsRepository, type UserRow } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';
import { dummyPasswordHash, verifyPassword } from '../passwords.js';

export interface LogInOptions {
  db: Db;
  config: Config;
  username: string;
  password: string;
  totpCode?: string | undefined;
  ip: string;
  userAgent: string | undefined;
  /** Token of a session the browser already holds; it is ended, never reused (no fixation). */
  previousToken?: string | undefined;
  requestId: string;
  now?: Date;
}

export interface LoggedIn {
  /** The cookie value; only its hash is stored. */
  token: string;
  session: { id: string; csrfToken: string };
  user: UserRow;
}

const nameKeys = new WeakMap<Buffer, Buffer>();

/** The key failed sign-ins under an unknown name are counted by: an HMAC, so the name itself is not kept. */
function loginNameKey(secretKey: Buffer, name: string): string {
  let key = nameKeys.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'yiwang login name v1', 32));
    nameKeys.set(secretKey, key);
  }
  return createHmac('sha256', key).update(name).digest('hex');
}

/**
 * The time step of a TOTP code checked against the user's sealed secret, allowing ±1 step
 * of clock drift; null when the code is wrong. The caller still has to claim the step
 * (accountsRepository.claimTotpStep), so that a code works only once.
 */
export function totpStepOf(config: Config, user: UserRow, code: string, now: Date): number | null {
  if (!user.totpSecretSealed) return null;
  const totp = new OTPAuth.TOTP({
    issuer: 'Yiwang',
    label: user.username,
    secret: OTPAuth.Secret.fromBase32(decryptSecret(config.secretKey, user.totpSecretSealed)),
  });
  const timestamp = now.getTime();
  const delta = totp.validate({ token: code, window: 1, timestamp });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}

/**
 * Signs a user in. Wrong passwords (and wrong second-factor codes) count towards the
 * lockout; a locked account is refused before its password is even checked, so
 * guessing cannot continue during the lock. Every attempt is audited.
 */
export async function logIn(options: LogInOptions): Promise<LoggedIn> {
  const { db, config } = options;
  const now = options.now ?? new Date();
  // Residents sign in with their mobile number, which is kept only sealed: found by its blind
  // index, and never written out in full, not even in the audit row of a failed attempt.
  const typed = options.username.trim();
  const byPhone = isMainlandMobile(typed);
  const audit = (user: UserRow | undefined, outcome: 'success' | 'failure' | 'locked' | 'denied', reason: string) => {
    const context: AuditContext = {
      actor: user ? { id: user.id, label: user.username } : null,
      requestId: options.requestId,
    };
    return db.transaction((tx) =>
      recordAudit(tx, context, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user?.id ?? null,
        outcome,
        details: { reason, ip: options.ip, username: byPhone ? maskPhone(typed) : options.username },
      }),
    );
  };

  let user =
    (await accountsRepository.findUserByUsername(db, options.username)) ??
    (byPhone ? await accountsRepository.findUserByPhoneIndex(db, phoneIndex(config.secretKey, typed)) : undefined);
  const lockUntil = new Date(now.getTime() + config.lockout.minutes * 60_000);
  const lockedFor = (until: Date) =>
    new DomainError('account-locked', { minutes: Math.ceil((until.getTime() - now.getTime()) / 60_000) });
  if (!user) {
    // Answered exactly as an account would be, lock included: the answers must not tell
    // which names exist.
    const nameKey = loginNameKey(config.secretKey, typed);
    const lockedUntil = await accountsRepository.unknownNameLockedUntil(db, nameKey);
    if (lockedUntil && lockedUntil > now) {
      await audit(undefined, 'locked', 'unknown-username');
      throw lockedFor(lockedUntil);
    }
    await verifyPassword(await dummyPasswordHash(), options.password);
    const failures = await accountsRepository.recordUnknownNameFailure(
      db,
      nameKey,
      config.lockout.maxFailures,
      lockUntil,
      now,
    );
    const locked = failures >= config.lockout.maxFailures;
    await audit(undefined, locked ? 'locked' : 'failure', 'unknown-username');
    if (locked) throw new DomainError('account-locked', { minutes: config.lockout.minutes });
    throw new DomainError('invalid-credentials', { max: config.lockout.maxFailures, minutes: config.lockout.minutes });
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(user, 'locked', 'account-locked');
    throw lockedFor(user.lockedUntil);
  }
  if (user.lockedUntil && user.failedLogins >= config.lockout.maxFailures) {
    // The lock has run out: start counting afresh.
    await accountsRepository.resetFailedLogins(db, user.id);
    user = { ...user, failedLogins: 0, lockedUntil: null };
  }

  const fail = async (reason: string, code: 'invalid-credentials' | 'invalid-totp') => {
    const failures = await accountsRepository.recordFailedLogin(db, user.id, config.lockout.maxFailures, lockUntil);
    const locked = failures >= config.lockout.maxFailures;
    await audit(user, locked ? 'locked' : 'failure', reason);
    if (locked) throw new DomainError('account-locked', { minutes: config.lockout.minutes });
    throw new DomainError(code, { max: config.lockout.maxFailures, minutes: config.lockout.minutes });
  };

  if (!(await verifyPassword(user.passwordHash, options.password)))
    return fail('wrong-password', 'invalid-credentials');
  if (user.disabled) {
    await audit(user, 'denied', 'account-disabled');
    throw new DomainError('account-disabled');
  }
  if (user.totpEnabled) {
    if (!options.totpCode) throw new DomainError('totp-required');
    const step = totpStepOf(config, user, options.totpCode, now);
    if (step === null) return fail('wrong-totp', 'invalid-totp');
    // A code seen over a shoulder or phished must not open a second session.
    if (!(await accountsRepository.claimTotpStep(db, user.id, step))) return fail('reused-totp', 'invalid-totp');
  }

  const token = randomToken();
  const session = { id: sha256Hex(token), csrfToken: randomToken() };
  await db.transaction(async (tx) => {
    if (options.previousToken) await accountsRepository.deleteSession(tx, sha256Hex(options.previousToken));
    await accountsRepository.resetFailedLogins(tx, user.id);
    await accountsRepository.insertSession(tx, {
      id: session.id,
      userId: user.id,
      csrfToken: session.csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3_600_000),
      ip: options.ip,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      tx,
      { actor: { id: user.id, label: user.username }, requestId: options.requestId },
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        details: { ip: options.ip, roles: user.roles as Role[] },
      },
    );
  });
  // The session the browser held has ended.
  if (options.previousToken) forgetSessions(db);
  return { token, session, user };
}
