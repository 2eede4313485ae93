import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountabilityTable,
  AssessmentLevel,
  BookInspectionBody,
  IndicatorTable,
  InspectionBooking,
  InspectionCalendar,
  PeriodKind,
  Region,
  ScoreTable,
} from '@yiwang/contracts';
import { api } from '../../lib/api';

/** Today in China (UTC+08:00), whatever the browser's time zone: the server's days are China days. */
export const chinaDayPlus = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const useIndicators = (level: AssessmentLevel, period: PeriodKind, from: string) =>
  useQuery({
    queryKey: ['assessment', 'indicators', level, period, from],
    queryFn: ({ signal }) => api.get<IndicatorTable>('/assessment/indicators', { level, period, from }, { signal }),
    placeholderData: keepPreviousData,
  });

export const useAccountability = (month: string) =>
  useQuery({
    queryKey: ['assessment', 'accountability', month],
    queryFn: ({ signal }) => api.get<AccountabilityTable>('/assessment/accountability', { month }, { signal }),
    placeholderData: keepPreviousData,
  });

export const useInspectionCalendar = (from: string, to: string) =>
  useQuery({
    queryKey: ['assessment', 'inspections', from, to],
    queryFn: ({ signal }) => api.get<InspectionCalendar>('/inspections', { from, to }, { signal }),
    placeholderData: keepPreviousData,
  });

export function useBookInspection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BookInspectionBody) => api.post<InspectionBooking>('/inspections', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'inspections'] }),
  });
}

export function useCancelInspection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/inspections/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'inspections'] }),
  });
}

/** Communities of my scope whose name or code matches (for booking). */
export const searchCommunities = async (q: string): Promise<Region[]> =>
  (await api.get<{ items: Region[] }>('/regions/search', { q, limit: 20 })).items.filter(
    (r) => r.level === 'community',
  );

export const useScores = (level: AssessmentLevel, period: PeriodKind, from: string) =>
  useQuery({
    queryKey: ['assessment', 'scores', level, period, from],
    queryFn: ({ signal }) => api.get<ScoreTable>('/assessment/scores', { level, period, from }, { signal }),
    placeholderData: keepPreviousData,
  });
