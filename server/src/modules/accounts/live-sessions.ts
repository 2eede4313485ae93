import { cachedLookup } from '../../db/cached-lookup.js';
import type { Executor } from '../../db/client.js';
import { accountsRepository } from './accounts.repository.js';

/**
 * Sessions with their user and scope path by session id (sha256 of the cookie's token), read
 * on every signed-in request: kept in each process, emptied when a session ends (logout, a
 * new login over it, a password change, an account disabled) or a user's actor changes
 * (roles, scope, unit, language, TOTP, one-time password) — migration 0035's triggers on
 * sessions, users and regions, and the accounts use cases in their own process. Noting a use
 * (last_seen_at) and counting failed logins wake nothing.
 */
const sessionsById = cachedLookup({
  channels: ['yiwang_sessions_changed', 'yiwang_users_changed', 'yiwang_regions_changed'],
  load: accountsRepository.findSessionWithUser,
});

/** A writer of sessions or users calls it after its commit: its own process's next request reads them anew. */
export function forgetSessions(db: Executor): void {
  sessionsById.clear(db);
}

/**
 * The live session with its user, as `findLiveSession` answers, from memory when kept. The
 * kept row's times are checked here: its absolute end never moves; its last use only moves
 * forward, so a row idle in memory may have been used on another process since, and is asked
 * of the database before the session is called ended.
 */
export async function findLiveSession(db: Executor, id: string, idleSince: Date, now: Date) {
  const kept = await sessionsById.get(db, id);
  if (!kept || kept.session.expiresAt <= now) return undefined;
  if (kept.session.lastSeenAt > idleSince) return kept;
  const fresh = await accountsRepository.findLiveSession(db, id, idleSince, now);
  if (fresh) kept.session.lastSeenAt = fresh.session.lastSeenAt;
  return fresh;
}
