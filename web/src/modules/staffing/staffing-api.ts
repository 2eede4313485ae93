import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Absence, GridPost, UserList } from '@yiwang/contracts';
import { api } from '../../lib/api';

/** Posts in scope handed to a backup right now (the holder is absent). */
export const useCoveredPosts = () =>
  useQuery({
    queryKey: ['staffing', 'covered'],
    queryFn: ({ signal }) =>
      api.get<{ items: GridPost[]; total: number }>('/staffing/posts', { coveredOnly: true, limit: 5000 }, { signal }),
  });

/** Absences of people in scope from 30 days ago on (the server's default window). */
export const useAbsences = () =>
  useQuery({
    queryKey: ['staffing', 'absences'],
    queryFn: ({ signal }) => api.get<{ items: Absence[] }>('/staffing/absences', undefined, { signal }),
  });

export interface Person {
  id: string;
  username: string;
  displayName: string;
}

/** Accounts in scope matching `q` (needs users.read). */
export const useUserSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['users', 'list', { q, limit: 20, offset: 0 }],
    queryFn: ({ signal }) => api.get<UserList>('/users', { q, limit: 20 }, { signal }),
    enabled: enabled && q.length > 0,
    placeholderData: keepPreviousData,
  });

/**
 * Without users.read (a grid head), the people who can be marked absent are those holding
 * or backing up posts in scope.
 */
export const usePostPeople = (enabled: boolean) =>
  useQuery({
    queryKey: ['staffing', 'people'],
    queryFn: async ({ signal }) => {
      const posts = await api.get<{ items: GridPost[] }>('/staffing/posts', { limit: 5000 }, { signal });
      const people = new Map<string, Person>();
      for (const post of posts.items) {
        people.set(post.holder.id, post.holder);
        people.set(post.backup.id, post.backup);
      }
      return [...people.values()].sort((a, b) => a.username.localeCompare(b.username));
    },
    enabled,
    staleTime: 60_000,
  });
