import { randomInt } from 'node:crypto';
import type { Db } from '../../../db/client.js';
import { recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { accountsRepository } from '../accounts.repository.js';
import { forgetSessions } from '../live-sessions.js';
import { hashPassword } from '../passwords.js';

export interface CreateAdministratorOptions {
  db: Db;
  username: string;
  /** Region code of the data scope; default: the county (the root of the region tree). */
  scopeRegionCode?: string | undefined;
  displayName?: string | undefined;
  /** Give an existing administrator a new one-time password instead (a locked-out install). */
  reset?: boolean;
}

export type CreateAdministratorResult =
  | { ok: true; username: string; scopeRegionCode: string; oneTimePassword: string; created: boolean }
  | { ok: false; reason: 'no-regions' | 'unknown-scope' | 'username-taken' | 'no-such-administrator' };

// No 0/O, 1/l/I: the password is read off a terminal and typed once.
const LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** 16 random characters, letters and digits (so it passes the password rules too). */
export function oneTimePassword(): string {
  const alphabet = LETTERS + DIGITS;
  for (;;) {
    const candidate = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (/[A-Za-z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}

/**
 * The first administrator of an empty production database (`npm run admin:create`), or a new
 * one-time password for an existing one (`--reset`). The account must change the password at
 * its first login (mustChangePassword); the password itself is returned once, never stored.
 */
export async function createAdministrator(options: CreateAdministratorOptions): Promise<CreateAdministratorResult> {
  const { db } = options;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const result = await db.transaction(async (tx): Promise<CreateAdministratorResult> => {
    const existing = await accountsRepository.findUserByUsername(tx, options.username);
    const context = { actor: null, requestId: null };
    if (options.reset) {
      if (!existing?.roles.includes('admin')) return { ok: false, reason: 'no-such-administrator' };
      await accountsRepository.updateUser(tx, existing.id, {
        passwordHash,
        mustChangePassword: true,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
      });
      await accountsRepository.deleteSessionsOfUser(tx, existing.id);
      await recordAudit(tx, context, {
        action: 'user.update',
        objectType: 'user',
        objectId: existing.id,
        details: { changes: { password: '(one-time, command line)', disabled: false, unlock: true } },
      });
      return {
        ok: true,
        username: existing.username,
        scopeRegionCode: existing.scopeRegionCode,
        oneTimePassword: password,
        created: false,
      };
    }
    if (existing) return { ok: false, reason: 'username-taken' };
    let scopeRegionCode = options.scopeRegionCode;
    if (scopeRegionCode) {
      if (!(await regionsLookups.findByCode(tx, scopeRegionCode))) return { ok: false, reason: 'unknown-scope' };
    } else {
      const [root] = await regionsLookups.roots(tx);
      if (!root) return { ok: false, reason: 'no-regions' };
      scopeRegionCode = root.code;
    }
    const user = await accountsRepository.insertUser(tx, {
      username: options.username,
      displayName: options.displayName ?? options.username,
      passwordHash,
      roles: ['admin'],
      scopeRegionCode,
      mustChangePassword: true,
    });
    await recordAudit(tx, context, {
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      details: { username: user.username, roles: ['admin'], scopeRegionCode, via: 'command line' },
    });
    return { ok: true, username: user.username, scopeRegionCode, oneTimePassword: password, created: true };
  });
  // Other processes hear of the ended sessions through NOTIFY; this one (a server that runs it) at once.
  forgetSessions(db);
  return result;
}
