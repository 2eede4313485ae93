import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UnitKind, UnitList } from '@yiwang/contracts';
import { api } from '../../lib/api';

export interface UnitFilter {
  kind?: UnitKind | undefined;
  q?: string | undefined;
  /** Also the units above the caller's scope (the county's departments a town dispatches to). */
  includeAbove?: boolean | undefined;
  limit: number;
  offset: number;
}

export const useUnits = (filter: UnitFilter, enabled = true) =>
  useQuery({
    queryKey: ['units', 'list', filter],
    queryFn: ({ signal }) => api.get<UnitList>('/units', { ...filter }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
