import type { Role } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isMainlandMobile, phoneIndex } from '../../../platform/phone.js';
import { accountsRepository } from '../accounts.repository.js';

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
}

/** The list's search: a mobile number also finds the resident who signs in with it (by its blind index). */
export function userFilterOf(secretKey: Buffer, filter: UserFilter) {
  const q = filter.q?.trim();
  return { ...filter, ...(q && isMainlandMobile(q) ? { phoneIndex: phoneIndex(secretKey, q) } : {}) };
}

/** Accounts in the caller's scope, a page of them. */
export function listUsers(
  deps: { db: Db; secretKey: Buffer },
  options: { actor: Actor; filter: UserFilter; page: { limit: number; offset: number } },
) {
  const filter = userFilterOf(deps.secretKey, options.filter);
  return accountsRepository.listUsersInScope(deps.db, options.actor.scopePath, filter, options.page);
}

/** An account in the caller's scope; 404 outside it. */
export async function getUser(deps: { db: Db }, options: { actor: Actor; id: string }) {
  const user = await accountsRepository.findUserInScope(deps.db, options.id, options.actor.scopePath);
  if (!user) throw new DomainError('not-found');
  return user;
}

/** API keys in the caller's scope. */
export async function listApiKeys(deps: { db: Db }, options: { actor: Actor }) {
  const rows = await accountsRepository.listApiKeysInScope(deps.db, options.actor.scopePath);
  return rows.map((r) => r.key);
}
