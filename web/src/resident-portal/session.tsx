import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@yiwang/contracts';
import { useCallback } from 'react';
import { configurePortalApi, portalApi } from './portal-api';

export const SESSION_KEY = ['portal', 'session'] as const;

/** The signed-in account (null: nobody), loaded once and kept in the query cache. */
export function useSession() {
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await portalApi.session();
      configurePortalApi({ csrfToken: session?.csrfToken ?? null });
      return session;
    },
    staleTime: 5 * 60_000,
  });
  return { session: query.data ?? null, loading: query.isPending, error: query.error, refetch: query.refetch };
}

/** Stores a session the server just answered (login, sign-up) or forgets it (logout, expiry). */
export function useSetSession() {
  const client = useQueryClient();
  return useCallback(
    (session: SessionInfo | null) => {
      configurePortalApi({ csrfToken: session?.csrfToken ?? null });
      client.setQueryData(SESSION_KEY, session);
      // Whatever was loaded for the previous account is not this one's.
      client.removeQueries({ predicate: (q) => q.queryKey[0] === 'portal' && q.queryKey[1] !== 'session' });
    },
    [client],
  );
}

/** A resident may report and see their own reports; staff accounts belong at the desk. */
export const isResident = (session: SessionInfo | null) => session?.permissions.includes('cases.read-own') ?? false;
