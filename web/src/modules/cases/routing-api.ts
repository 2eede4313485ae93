import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateRoutingRuleBody,
  RoutingRuleBody,
  RoutingRuleList,
  RoutingRuleView,
  TestRoutingBody,
  TestRoutingResult,
} from '@yiwang/contracts';
import { api } from '../../lib/api';

export const useRoutingRules = () =>
  useQuery({
    queryKey: ['routing-rules'],
    queryFn: ({ signal }) => api.get<RoutingRuleList>('/cases/routing-rules', undefined, { signal }),
  });

/** Every change to the rules refreshes the list (the order may have moved) and the cases' suggestions. */
function useRuleMutation<T, R>(fn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['routing-rules'] });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'routing'] });
    },
  });
}

export const useSaveRule = (code: string | null) =>
  useRuleMutation((body: CreateRoutingRuleBody | RoutingRuleBody) =>
    code === null
      ? api.post<RoutingRuleView>('/cases/routing-rules', body)
      : api.put<RoutingRuleView>(`/cases/routing-rules/${code}`, body),
  );

export const useMoveRule = () =>
  useRuleMutation(({ code, before }: { code: string; before: string | null }) =>
    api.post<RoutingRuleView>(`/cases/routing-rules/${code}/move`, { before }),
  );

export const useDeleteRule = () => useRuleMutation((code: string) => api.delete(`/cases/routing-rules/${code}`));

export const useTestRouting = () =>
  useMutation({
    mutationFn: (body: TestRoutingBody) => api.post<TestRoutingResult>('/cases/routing-rules/test', body),
  });
