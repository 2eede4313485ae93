import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Region, RegionDetail } from '@yiwang/contracts';
import { api } from '../../lib/api';

/** Codes are 6–12 digits (county 6, town 9, community 12); anything else cannot exist. */
export const isRegionCode = (code: string): boolean => /^[0-9]{6,12}$/.test(code);

/** A region with its ancestors and children; without a code, the root of the caller's scope. */
export const useRegionDetail = (code: string | undefined) =>
  useQuery({
    queryKey: ['regions', 'detail', code ?? 'root'],
    queryFn: ({ signal }) => api.get<RegionDetail>(code ? `/regions/${code}` : '/regions/root', undefined, { signal }),
    enabled: code === undefined || isRegionCode(code),
  });

/** Regions in the caller's scope whose name, English name or code contains `q`. */
export const useRegionSearch = (q: string) =>
  useQuery({
    queryKey: ['regions', 'search', q],
    queryFn: ({ signal }) => api.get<{ items: Region[] }>('/regions/search', { q, limit: 20 }, { signal }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
