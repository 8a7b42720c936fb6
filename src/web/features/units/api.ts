import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Region } from '../../../shared/api/regions';
import type { Unit } from '../../../shared/api/units';
import type { UnitKind } from '../../../shared/roles';
import { api } from '../../api/client';

export type { Unit };

const KEY = ['units'] as const;

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  includeDisabled?: boolean;
}

export const useUnits = (filters: UnitFilters = {}) =>
  useQuery({
    queryKey: [...KEY, filters],
    queryFn: () => api.get<{ items: Unit[] }>('/units', { ...filters }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });

/** Regions to place a unit in (enabled only). */
export const useRegionChoices = () =>
  useQuery({
    queryKey: ['regions', 'enabled'],
    queryFn: () => api.get<{ items: Region[] }>('/regions').then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export interface UnitInput {
  name: string;
  shortName: string | null;
  kind: UnitKind;
  uscc: string | null;
  regionId: number;
  parentId: number | null;
  contactPhone: string | null;
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitInput) => api.post<Unit>('/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<UnitInput> & { enabled?: boolean; version: number; id: number }) =>
      api.patch<Unit>(`/units/${id}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
