import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseCommandBody,
  CaseDetail,
  CaseList,
  CaseOverview,
  CasePoints,
  CaseQueueCounts,
  CaseQueueName,
  CaseStateName,
  CaseSummary,
  HandlingLevel,
  IntakeResult,
  MatterList,
  Photo,
  ReportCaseBody,
  RoutingSuggestion,
  SupervisionList,
  TimeState,
} from '@yiwang/contracts';
import { ApiError, api } from '../../lib/api';

export interface CaseFilter {
  state?: CaseStateName[] | undefined;
  level?: HandlingLevel | undefined;
  gridCode?: string | undefined;
  matterCode?: string | undefined;
  timeState?: TimeState | undefined;
  q?: string | undefined;
  inbox?: 'unit' | 'command' | undefined;
  queue?: CaseQueueName | undefined;
  open?: boolean | undefined;
  reportedFrom?: string | undefined;
  reportedTo?: string | undefined;
  closedFrom?: string | undefined;
  /** Only reported cases the case page suggests a duplicate for. */
  possibleDuplicate?: boolean | undefined;
  limit: number;
  offset: number;
}

/** `state` is an array: the API takes it repeated (state=a&state=b). */
function listPath(filter: CaseFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return `/cases?${params.toString()}`;
}

const fetchCases = (filter: CaseFilter, signal?: AbortSignal) =>
  api.get<CaseList>(listPath(filter), undefined, { signal });

export const useCases = (filter: CaseFilter) =>
  useQuery({
    queryKey: ['cases', 'list', filter],
    queryFn: ({ signal }) => fetchCases(filter, signal),
    placeholderData: keepPreviousData,
  });

/** The caller's work queues with counts; under ['cases', 'list'], so the live stream refreshes them with the lists. */
export const useCaseQueues = () =>
  useQuery({
    queryKey: ['cases', 'list', 'queues'],
    queryFn: ({ signal }) => api.get<CaseQueueCounts>('/case-queues', undefined, { signal }),
  });

/** The live counts in scope (open per state, yellow, red, today's new and closed); refreshed by the stream with the lists. */
export const useCaseOverview = () =>
  useQuery({
    queryKey: ['cases', 'list', 'overview'],
    queryFn: ({ signal }) => api.get<CaseOverview>('/case-overview', undefined, { signal }),
  });

/** The open cases as map points; refreshed by the stream with the lists. */
export const useCasePoints = (enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'list', 'points'],
    queryFn: ({ signal }) => api.get<CasePoints>('/case-points', undefined, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });

export const useCase = (code: string) =>
  useQuery({
    queryKey: ['cases', 'detail', code],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/cases/${code}`, undefined, { signal }),
    retry: (count, error) =>
      !(error instanceof ApiError && (error.status === 404 || error.status === 400)) && count < 2,
  });

export const useRouting = (code: string, enabled: boolean) =>
  useQuery({
    queryKey: ['cases', 'routing', code],
    queryFn: ({ signal }) => api.get<RoutingSuggestion>(`/cases/${code}/routing`, undefined, { signal }),
    enabled,
  });

export const useSupervision = () =>
  useQuery({
    queryKey: ['cases', 'supervision'],
    queryFn: ({ signal }) => api.get<SupervisionList>('/cases/supervision', { limit: 200 }, { signal }),
  });

export const useMatterSearch = (q: string) =>
  useQuery({
    queryKey: ['catalog', 'matters', q],
    queryFn: ({ signal }) => api.get<MatterList>('/catalog/matters', { q: q || undefined }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

/** Runs a workflow command with If-Match (the version the page shows); refreshes the case and lists. */
export function useCaseCommand(summary: CaseSummary) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: CaseCommandBody) =>
      api.post<{ case: CaseSummary }>(`/cases/${summary.code}/commands`, command, {
        headers: { 'If-Match': `"${summary.version}"` },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

/** The other case actions (merge, keep apart, place): POST then refresh. */
export function useCasePost<T>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post<T>(path, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export function useReportCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ReportCaseBody; key: string }) =>
      api.post<IntakeResult>('/cases', body, { idempotencyKey: key }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

/** Uploads one photo (multipart field `file`). */
export function uploadPhoto(file: Blob, name: string): Promise<Photo> {
  const form = new FormData();
  form.append('file', file, name);
  return api.post<Photo>('/photos', undefined, { form });
}

export const photoUrl = (id: string, kind: 'image' | 'thumbnail') => `/api/photos/${id}/${kind}`;
