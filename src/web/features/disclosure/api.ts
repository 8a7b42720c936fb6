import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DisclosureResponse, DisclosureTab, PublicClosedItem, PublicProgressItem } from '../../../shared/api/exports';
import { api } from '../../api/client';

export type { DisclosureResponse, DisclosureTab, PublicClosedItem, PublicProgressItem };

export interface DisclosureQuery {
  tab: DisclosureTab;
  q?: string;
  regionId?: number;
  page: number;
  pageSize: number;
}

/** One page of a public table; no session needed (the endpoint is public). */
export const useDisclosure = (query: DisclosureQuery) =>
  useQuery({
    queryKey: ['public', 'disclosure', query],
    queryFn: () => api.get<DisclosureResponse>('/public/disclosure', { ...query }, { quiet401: true }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
