import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@yiwang/contracts';
import { createContext, use } from 'react';
import { ApiError, api, configureApi } from '../../lib/api';

export const SESSION_KEY = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (the server answers 401). */
async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/auth/session', undefined, { expectUnauthenticated: true });
    configureApi({ csrfToken: session.csrfToken });
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const useSessionQuery = () => useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity });

/** Stores a session the server just returned (login, preferences, TOTP), with its CSRF token. */
export function rememberSession(queryClient: QueryClient, session: SessionInfo | null): void {
  configureApi({ csrfToken: session?.csrfToken ?? null });
  queryClient.setQueryData(SESSION_KEY, session);
}

/** Forgets everything cached for the previous user; the guard then shows the login page. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  rememberSession(queryClient, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Signed out either way: a failed call most likely means the session had already ended.
    onSettled: () => forgetSession(queryClient),
  });
}

export const SignedInContext = createContext<SessionInfo | null>(null);

/** The current session inside the desk (below <RequireSession>). */
export function useSignedIn(): SessionInfo {
  const session = use(SignedInContext);
  if (!session) throw new Error('useSignedIn outside <RequireSession>');
  return session;
}
