import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Region } from '../../../shared/api/regions';
import { api } from '../../api/client';

export type { Region };

const KEY = ['regions'] as const;

export const useRegions = () =>
  useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: Region[] }>('/regions', { includeDisabled: true }).then((r) => r.items),
  });

export interface CreateRegion {
  code: string;
  name: string;
  parentId: number | null;
}
export interface UpdateRegion {
  name?: string;
  parentId?: number | null;
  enabled?: boolean;
  version: number;
}

export function useCreateRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRegion) => api.post<Region>('/regions', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateRegion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateRegion & { id: number }) => api.patch<Region>(`/regions/${id}`, body),
    // A stale version (409) also means our copy is old: refresh either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
