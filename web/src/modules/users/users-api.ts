import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role, UserList } from '@yiwang/contracts';
import { api } from '../../lib/api';

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  limit: number;
  offset: number;
}

export const useUsers = (filter: UserFilter) =>
  useQuery({
    queryKey: ['users', 'list', filter],
    queryFn: ({ signal }) => api.get<UserList>('/users', { ...filter }, { signal }),
    placeholderData: keepPreviousData,
  });
