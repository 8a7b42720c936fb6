import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Batch, Plan, Round } from '../problems/api';

export type { Batch, Plan, Round };
export { usePlans, useRounds } from '../problems/api';

export interface NewRound {
  name: string;
  kind: Round['kind'];
  year: number;
}
export interface NewBatch {
  number: number;
  name?: string;
  receivedOn?: string | null;
}
export interface NewPlan {
  name: string;
  kind: Plan['kind'];
  parentId?: number | null;
  yearlyTargets: Record<string, number>;
}

function useInvalidate(key: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [key] });
}

export function useCreateRound() {
  const done = useInvalidate('rounds');
  return useMutation({ mutationFn: (body: NewRound) => api.post<Round>('/rounds', body), onSuccess: done });
}
export function useCreateBatch(roundId: number) {
  const done = useInvalidate('rounds');
  return useMutation({ mutationFn: (body: NewBatch) => api.post<Batch>(`/rounds/${roundId}/batches`, body), onSuccess: done });
}
export function useCreatePlan() {
  const done = useInvalidate('plans');
  return useMutation({ mutationFn: (body: NewPlan) => api.post<Plan>('/plans', body), onSuccess: done });
}
