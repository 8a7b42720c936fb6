import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../shared/api/audit';
import type { UserSummary } from '../../../shared/api/users';
import { api } from '../../api/client';

export type { AuditEntry };

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  brokenId?: number;
  reason?: string;
}

export const useAudit = (query: AuditQuery) =>
  useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<{ items: AuditEntry[]; total: number }>('/audit', { ...query }),
    placeholderData: keepPreviousData,
  });

export const useVerifyChain = () => useMutation({ mutationFn: () => api.post<ChainVerdict>('/audit/verify') });

/** People to filter by (needs user.read; the audit reader is an admin, who has it). */
export const useActorSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['audit', 'actors', q],
    queryFn: () => api.get<{ items: UserSummary[] }>('/users', { q: q || undefined, pageSize: 20 }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
