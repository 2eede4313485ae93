import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateMatterBody,
  HandlingLevel,
  MatterCategory,
  MatterDetail,
  MatterList,
  UnitList,
  UpdateMatterBody,
} from '@yiwang/contracts';
import { api } from '../../lib/api';

export type { MatterCategory };

export interface MatterFilter {
  q?: string | undefined;
  category?: MatterCategory | undefined;
  handlingLevel?: HandlingLevel | undefined;
  department?: string | undefined;
  includeInactive: boolean;
}

export const useMatters = (filter: MatterFilter) =>
  useQuery({
    queryKey: ['catalog', 'matters', 'admin', filter],
    queryFn: ({ signal }) => api.get<MatterList>('/catalog/matters', { ...filter }, { signal }),
    placeholderData: keepPreviousData,
  });

export const useMatterDetail = (code: string | null) =>
  useQuery({
    queryKey: ['catalog', 'matter', code],
    queryFn: ({ signal }) => api.get<MatterDetail>(`/catalog/matters/${code}`, undefined, { signal }),
    enabled: code !== null,
  });

/** The county's departments by their catalog code ('urban' for unit `320281-urban`). */
export const useDepartments = () =>
  useQuery({
    queryKey: ['units', 'departments'],
    queryFn: ({ signal }) =>
      api.get<UnitList>('/units', { kind: 'department', limit: 200, offset: 0 }, { signal }).then((list) =>
        list.items.map((u) => ({
          code: u.code.slice(u.regionCode.length + 1),
          name: u.name,
        })),
      ),
    staleTime: 10 * 60_000,
  });

export function useSaveMatter(code: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMatterBody | UpdateMatterBody) =>
      code === null
        ? api.post<MatterDetail>('/catalog/matters', body)
        : api.patch<MatterDetail>(`/catalog/matters/${code}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
