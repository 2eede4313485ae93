import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDrawBody, DetectionFlags, Draw, DrawList, DrawVerification } from '@yiwang/contracts';
import { api } from '../../lib/api';

export const useDraws = () =>
  useQuery({
    queryKey: ['assessment', 'draws'],
    queryFn: ({ signal }) => api.get<DrawList>('/assessment/draws', {}, { signal }),
  });

export const useDraw = (id: string) =>
  useQuery({
    queryKey: ['assessment', 'draws', id],
    queryFn: ({ signal }) => api.get<Draw>(`/assessment/draws/${id}`, {}, { signal }),
  });

export const useVerifyDraw = () =>
  useMutation({ mutationFn: (id: string) => api.get<DrawVerification>(`/assessment/draws/${id}/verify`) });

export function useCreateDraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDrawBody) => api.post<Draw>('/assessment/draws', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assessment', 'draws'] }),
  });
}

/**
 * The grids the detectors flag in the month a draw is for (its period when it reads YYYY-MM,
 * otherwise this month): every grid a flag names, a grid's own or that of a worker's cases.
 */
export const useFlaggedGrids = () =>
  useMutation({
    mutationFn: async (period: string) => {
      const from = /^\d{4}-\d{2}$/.test(period) ? `${period}-01` : undefined;
      const { flags } = await api.get<DetectionFlags>('/assessment/flags', {
        period: 'month',
        ...(from ? { from } : {}),
      });
      return [...new Set(flags.flatMap((f) => (f.gridCode ? [f.gridCode] : [])))].sort();
    },
  });
