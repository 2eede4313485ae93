import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@yiwang/contracts';
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client.js';
import type { Config } from '../../platform/config.js';
import { sha256Hex } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import type { Actor, ModuleContext } from '../../platform/http.js';
import { localeFromAcceptLanguage } from '../../platform/i18n.js';
import { accountsRepository, type UserRow } from './accounts.repository.js';
import { liveApiKeys } from './live-api-keys.js';
import { findLiveSession } from './live-sessions.js';
import { refuseUntilPasswordChanged } from './password-change-gate.js';
import { sessionTokenOf } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writing last_seen_at on every request would turn reads into writes; a minute is precise enough for a 30-minute idle timeout. */
const TOUCH_EVERY_MS = 60_000;

function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return undefined;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Cross-site requests are refused for every state-changing call a browser can make:
 * the Origin (when sent) must be this host, and cookie-authenticated calls must echo
 * the session's CSRF token in X-CSRF-Token. API-key calls carry no ambient credential.
 */
function checkCsrf(request: FastifyRequest, actor: Actor | null): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new DomainError('csrf');
    }
    if (originHost !== request.host) throw new DomainError('csrf');
  }
  // Login is exempt from the token (the browser may hold a stale or other session), not from the Origin check.
  if (actor?.kind === 'user' && actor.csrfToken && !request.routeOptions.config?.csrfExempt) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) throw new DomainError('csrf');
  }
}

/** The actor of a signed-in user, as every request after login sees it. */
export function userActor(
  config: Config,
  user: UserRow,
  scopePath: string,
  session: { id: string; csrfToken: string },
): Actor {
  const roles = user.roles as Role[];
  return {
    kind: 'user',
    id: user.id,
    label: user.username,
    roles,
    scopeRegionCode: user.scopeRegionCode,
    scopePath,
    unitId: user.unitId,
    locale: user.locale,
    sessionId: session.id,
    csrfToken: session.csrfToken,
    totpEnrollmentRequired: config.requireAdminTotp && roles.includes('admin') && !user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Notes a key's use (its last-used time, kept to the minute so each request does not write).
 * `key` is the row kept in memory (live-api-keys.ts), so it remembers the write: each process
 * writes at most once a minute per key, and the write wakes no cache (migration 0035).
 */
export async function markApiKeyUsed(
  db: Executor,
  key: { id: string; lastUsedAt: Date | null },
  now: Date,
): Promise<void> {
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await accountsRepository.touchApiKey(db, key.id, now);
    key.lastUsedAt = now;
  }
}

/** Resolves request.actor and request.locale; runs before every /api route. */
export async function authenticate(request: FastifyRequest, ctx: ModuleContext): Promise<void> {
  const { db } = ctx.database;
  const now = new Date();
  request.actor = null;
  request.locale = localeFromAcceptLanguage(request.headers['accept-language']);

  const key = apiKeyOf(request);
  if (key) {
    const found = await liveApiKeys.get(db, sha256Hex(key));
    if (!found) throw new DomainError('unauthenticated');
    request.actor = {
      kind: 'api-key',
      id: found.key.id,
      label: `api-key:${found.key.name}`,
      roles: found.key.roles as Role[],
      scopeRegionCode: found.key.scopeRegionCode,
      scopePath: found.scopePath,
      unitId: null,
      locale: request.locale,
      sessionId: null,
      csrfToken: null,
      totpEnrollmentRequired: false,
    };
    await markApiKeyUsed(db, found.key, now);
    return;
  }

  const token = sessionTokenOf(request, ctx.config);
  if (token) {
    const sessionId = sha256Hex(token);
    const idleSince = new Date(now.getTime() - ctx.config.session.idleMinutes * 60_000);
    const found = await findLiveSession(db, sessionId, idleSince, now);
    if (found && !found.user.disabled) {
      request.locale = found.user.locale;
      request.actor = userActor(ctx.config, found.user, found.scopePath, found.session);
      if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await accountsRepository.touchSession(db, sessionId, now);
        // The kept row remembers it, so this process writes once a minute per session.
        found.session.lastSeenAt = now;
      }
    }
  }
  checkCsrf(request, request.actor);
  refuseUntilPasswordChanged(request);
}
