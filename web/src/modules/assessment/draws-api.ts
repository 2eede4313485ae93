import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDrawBody, Draw, DrawList, DrawVerification } from '@yiwang/contracts';
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
