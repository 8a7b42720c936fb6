import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../shared/api/units';
import type { UserSummary } from '../../../shared/api/users';
import type { Role } from '../../../shared/roles';
import { api } from '../../api/client';

export type { UserSummary };

const KEY = ['users'] as const;

export interface UserQuery {
  q?: string;
  unitId?: number;
  role?: Role;
  enabled?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export const useUsers = (query: UserQuery) =>
  useQuery({
    queryKey: [...KEY, query],
    queryFn: () => api.get<{ items: UserSummary[]; total: number }>('/users', { ...query }),
    placeholderData: keepPreviousData,
  });

/** Units a user can belong to (and filter by). */
export const useUnitChoices = (enabled = true) =>
  useQuery({
    queryKey: ['units', { includeDisabled: true }],
    queryFn: () => api.get<{ items: Unit[] }>('/units', { includeDisabled: true }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });

export interface NewUser {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password: string;
  phone: string | null;
  email: string | null;
}
export interface UserChanges {
  displayName?: string;
  unitId?: number;
  roles?: Role[];
  phone?: string | null;
  email?: string | null;
  enabled?: boolean;
  unlock?: true;
  version: number;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api.post<UserSummary>('/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserChanges & { id: number }) => api.patch<UserSummary>(`/users/${id}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: number; newPassword: string }) => api.post(`/users/${id}/reset-password`, { newPassword }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
