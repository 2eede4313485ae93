import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentLevel,
  IndicatorCases,
  IndicatorId,
  IndicatorTrend,
  PeriodKind,
  SaveScoringRulesBody,
  ScoringRuleSet,
  ScoringRuleSetList,
} from '@yiwang/contracts';
import { api } from '../../lib/api';

export const useIndicatorTrend = (level: AssessmentLevel, indicator: IndicatorId, period: PeriodKind, from: string) =>
  useQuery({
    queryKey: ['assessment', 'trend', level, indicator, period, from],
    queryFn: ({ signal }) =>
      api.get<IndicatorTrend>('/assessment/indicators/trend', { level, indicator, period, from }, { signal }),
    placeholderData: keepPreviousData,
  });

export interface DrillDown {
  level: AssessmentLevel;
  key: string;
  name: string;
  indicator: IndicatorId;
  period: PeriodKind;
  from: string;
}

/** The cases behind one number, a page at a time (the server pages by key: `nextAfter`). */
export const useIndicatorCases = (d: DrillDown | null) =>
  useInfiniteQuery({
    enabled: d !== null,
    queryKey: ['assessment', 'indicator-cases', d],
    initialPageParam: '',
    getNextPageParam: (last: IndicatorCases) => last.nextAfter,
    queryFn: ({ signal, pageParam }) =>
      api.get<IndicatorCases>(
        '/assessment/indicators/cases',
        {
          level: d?.level ?? '',
          key: d?.key ?? '',
          indicator: d?.indicator ?? '',
          period: d?.period ?? '',
          from: d?.from ?? '',
          limit: '100',
          ...(pageParam ? { after: pageParam } : {}),
        },
        { signal },
      ),
  });

export const useScoringRules = () =>
  useQuery({
    queryKey: ['assessment', 'scoring-rules'],
    queryFn: ({ signal }) => api.get<ScoringRuleSetList>('/assessment/scoring-rules', {}, { signal }),
  });

export function useSaveScoringRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveScoringRulesBody) => api.post<ScoringRuleSet>('/assessment/scoring-rules', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment'] }),
  });
}
