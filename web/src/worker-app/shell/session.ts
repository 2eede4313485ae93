import type { SessionInfo } from '@yiwang/contracts';
import { deleteCache, readCache, writeCache } from './device-db';
import { configureHttp, getJson, HttpError, send } from './http';
import { createStore } from './store';

/** Who is signed in, as far as the app knows; `offline`: from the phone's copy, not checked with the server yet. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'none' | 'ended' }
  | { status: 'signed-in'; session: CachedSession; offline: boolean };

/** The session without its CSRF token (which is never stored on the phone). */
export type CachedSession = Omit<SessionInfo, 'csrfToken'>;

export const sessionStore = createStore<SessionState>({ status: 'loading' });

const CACHE_KEY = 'session';

const withoutToken = ({ csrfToken: _token, ...rest }: SessionInfo): CachedSession => rest;

function signedIn(session: SessionInfo): void {
  configureHttp({ csrfToken: session.csrfToken });
  void writeCache(CACHE_KEY, withoutToken(session));
  sessionStore.set({ status: 'signed-in', session: withoutToken(session), offline: false });
}

/**
 * Asks the server who is signed in. Without network the phone's copy of the last session
 * stands in (the worker keeps working and queueing); the server decides again once online.
 */
export async function refreshSession(): Promise<SessionState> {
  try {
    signedIn(await getJson<SessionInfo>('/auth/session'));
  } catch (error) {
    if (error instanceof HttpError && error.failure.status === 401) {
      configureHttp({ csrfToken: null });
      sessionStore.set({ status: 'signed-out', reason: 'none' });
    } else {
      const cached = await readCache<CachedSession>(CACHE_KEY);
      if (cached) sessionStore.set({ status: 'signed-in', session: cached.value, offline: true });
      else sessionStore.set({ status: 'signed-out', reason: 'none' });
    }
  }
  return sessionStore.get();
}

/** The server ended the session (idle or absolute timeout, account disabled): show the login, keep the outbox. */
export function sessionEnded(): void {
  configureHttp({ csrfToken: null });
  sessionStore.set({ status: 'signed-out', reason: 'ended' });
}

export type LoginOutcome = { ok: true } | { ok: false; status: number; message: string };

export async function logIn(username: string, password: string): Promise<LoginOutcome> {
  const result = await send<SessionInfo>('POST', '/auth/login', { json: { username, password } });
  if (!result.ok) return { ok: false, status: result.status, message: result.message };
  signedIn(result.body);
  return { ok: true };
}

export async function logOut(): Promise<void> {
  await send('POST', '/auth/logout');
  configureHttp({ csrfToken: null });
  await deleteCache(CACHE_KEY);
  sessionStore.set({ status: 'signed-out', reason: 'none' });
}

export function currentUserId(): string | null {
  const state = sessionStore.get();
  return state.status === 'signed-in' ? state.session.user.id : null;
}
