import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProblemAction, ProblemStatus } from '../../../domain/problem/lifecycle';
import type { DeadlineKind, ProblemCategory, ProblemSource } from '../../../domain/problem/vocabulary';
import type { ActionBodies, CreateProblemInput, ProblemDetail, ProblemRow, UpdateProblemInput } from '../../../shared/api/problems';
import type { Region } from '../../../shared/api/regions';
import type { Unit } from '../../../shared/api/units';
import type { UserSummary } from '../../../shared/api/users';
import type { Role } from '../../../shared/roles';
import { api, type Query } from '../../api/client';

export type { ProblemDetail, ProblemRow, ProblemAction, ProblemStatus, CreateProblemInput, UpdateProblemInput, ActionBodies };

export type WarningLight = ProblemRow['warningLight'];
export type ScheduleState = ProblemRow['scheduleState'];

/** The ledger's filters as the API takes them (lists are sent comma-separated). */
export interface LedgerFilters {
  q?: string;
  status?: ProblemStatus[];
  warning?: WarningLight[];
  source?: ProblemSource[];
  category?: ProblemCategory[];
  schedule?: ScheduleState[];
  deadlineKind?: DeadlineKind[];
  regionId?: number;
  leadUnitId?: number;
  unitId?: number;
  roundId?: number;
  batchId?: number;
  planId?: number;
  leaderUserId?: number;
  flagged?: 'true' | 'false';
  isPublic?: 'true' | 'false';
  deadlineFrom?: string;
  deadlineTo?: string;
}

export const LEDGER_SORTS = ['code', '-code', 'deadline', '-deadline', 'createdAt', '-createdAt', 'warning', '-warning', 'status', '-status'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerQuery extends LedgerFilters {
  sort: LedgerSort;
  page: number;
  pageSize: number;
}

export interface LedgerPage {
  items: ProblemRow[];
  total: number;
  counts: Record<WarningLight, number>;
}

export const toApiQuery = (query: LedgerQuery): Query =>
  Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? (v.length ? v.join(',') : undefined) : v])) as Query;

const KEY = ['problems'] as const;

/** One page of the ledger; the previous page stays on screen while the next loads, so nothing flashes empty. */
export const useLedger = (query: LedgerQuery) =>
  useQuery({
    queryKey: [...KEY, 'list', query],
    queryFn: () => api.get<LedgerPage>('/problems', toApiQuery(query)),
    placeholderData: keepPreviousData,
  });

export const useProblem = (id: number) =>
  useQuery({ queryKey: [...KEY, 'detail', id], queryFn: () => api.get<ProblemDetail>(`/problems/${id}`), enabled: id > 0 });

/** After any change the server answers with the whole problem: put it in the cache and refresh lists. */
function useAdopt() {
  const queryClient = useQueryClient();
  return (detail: ProblemDetail) => {
    queryClient.setQueryData([...KEY, 'detail', detail.id], detail);
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'evidence', detail.id] });
    void queryClient.invalidateQueries({ queryKey: ['todo'] });
    void queryClient.invalidateQueries({ queryKey: ['lookback'] });
  };
}

export function useCreateProblem() {
  const adopt = useAdopt();
  return useMutation({ mutationFn: (body: CreateProblemInput) => api.post<ProblemDetail>('/problems', body), onSuccess: adopt });
}

export function useUpdateProblem(id: number) {
  const adopt = useAdopt();
  return useMutation({ mutationFn: (body: UpdateProblemInput) => api.patch<ProblemDetail>(`/problems/${id}`, body), onSuccess: adopt });
}

export type BodyAction = keyof ActionBodies;
export const actionPath = (action: BodyAction) => action.replace(/_/g, '-');

/** Run one step of the closed loop; the answer is the updated problem with its new allowed actions. */
export function useProblemAction(id: number) {
  const adopt = useAdopt();
  return useMutation({
    mutationFn: ({ action, body }: { action: BodyAction; body: unknown }) => api.post<ProblemDetail>(`/problems/${id}/${actionPath(action)}`, body),
    onSuccess: adopt,
  });
}

// --- Choices used by the forms and filters ---------------------------------------------------------------

export const useUnitOptions = (enabled = true) =>
  useQuery({
    queryKey: ['units', 'choices'],
    queryFn: () => api.get<{ items: Unit[] }>('/units').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });

export const useRegionOptions = (enabled = true) =>
  useQuery({
    queryKey: ['regions', 'enabled'],
    queryFn: () => api.get<{ items: Region[] }>('/regions').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });

/** Enabled users holding a role (verifiers to assign, leaders to answer for a problem). */
export const useUsersWithRole = (role: Role, enabled = true) =>
  useQuery({
    queryKey: ['users', 'role', role],
    queryFn: () => api.get<{ items: UserSummary[] }>('/users', { role, enabled: 'true', pageSize: 200 }).then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });

export interface Batch {
  id: number;
  roundId: number;
  number: number;
  name: string;
  receivedOn: string | null;
}
export interface Round {
  id: number;
  name: string;
  kind: 'central' | 'central_lookback' | 'provincial' | 'special' | 'other';
  year: number;
  enabled: boolean;
  batches: Batch[];
  problems: number;
}
export interface Plan {
  id: number;
  name: string;
  kind: 'overall' | 'task_list' | 'special';
  parentId: number | null;
  yearlyTargets: Record<string, number>;
  problems: number;
  closedByYear: Record<string, number>;
}

export const useRounds = (enabled = true) =>
  useQuery({ queryKey: ['rounds'], queryFn: () => api.get<{ items: Round[] }>('/rounds').then((r) => r.items), enabled, staleTime: 60_000 });
export const usePlans = (enabled = true) =>
  useQuery({ queryKey: ['plans'], queryFn: () => api.get<{ items: Plan[] }>('/plans').then((r) => r.items), enabled, staleTime: 60_000 });

export interface LoopSettings {
  ackWorkingDays: number;
  noticeDays: number;
  yellowWithinWorkingDays: number;
  severeAfterWorkingDays: number;
  immediateWorkingDays: number;
  reportCadence: { every: number; unit: 'working_days' | 'days' | 'months' };
  codePattern: string;
}
export const useLoopSettings = () =>
  useQuery({ queryKey: ['settings', 'loop'], queryFn: () => api.get<LoopSettings>('/settings/loop'), staleTime: 5 * 60_000 });
