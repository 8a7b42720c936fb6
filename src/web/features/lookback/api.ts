import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDetail, CampaignSummary, CreateCampaignInput, LookbackCheck, RecordCheckInput } from '../../../shared/api/lookback';
import { api } from '../../api/client';

export type { CampaignDetail, CampaignSummary, CreateCampaignInput, LookbackCheck, RecordCheckInput };

const KEY = ['lookback'] as const;

export const useCampaigns = (page: number, pageSize: number, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'campaigns', { page, pageSize }],
    queryFn: () => api.get<{ items: CampaignSummary[]; total: number }>('/lookback/campaigns', { page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useCampaign = (id: number) =>
  useQuery({ queryKey: [...KEY, 'campaign', id], queryFn: () => api.get<CampaignDetail>(`/lookback/campaigns/${id}`), enabled: id > 0 });

export const useCheck = (id: number) =>
  useQuery({ queryKey: [...KEY, 'check', id], queryFn: () => api.get<LookbackCheck>(`/lookback/checks/${id}`), enabled: id > 0 });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: KEY });
    void queryClient.invalidateQueries({ queryKey: ['problems'] });
    void queryClient.invalidateQueries({ queryKey: ['todo'] });
  };
}

export function useCreateCampaign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateCampaignInput) => api.post<CampaignDetail>('/lookback/campaigns', body), onSuccess: refresh });
}

export function useAssignCheckers(campaignId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (checks: { checkId: number; checkerUserId: number }[]) => api.post<CampaignDetail>(`/lookback/campaigns/${campaignId}/assign`, { checks }),
    onSuccess: refresh,
  });
}

export function useRecordCheck(checkId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RecordCheckInput) => api.post<LookbackCheck & { campaignCompleted: boolean }>(`/lookback/checks/${checkId}/record`, body),
    onSuccess: refresh,
  });
}
