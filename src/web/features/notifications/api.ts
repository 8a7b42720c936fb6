import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationItem } from '../../../shared/api/notifications';
import { api } from '../../api/client';

export type { NotificationItem };

const KEY = ['notifications'] as const;

/** The bell's number, asked for every minute (and after reading). */
export const useUnreadCount = () =>
  useQuery({
    queryKey: [...KEY, 'unread'],
    queryFn: () => api.get<{ unread: number }>('/notifications/unread-count').then((r) => r.unread),
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
  });

export const useNotifications = (unreadOnly: boolean, pageSize: number, enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, 'list', { unreadOnly, pageSize }],
    queryFn: () => api.get<{ items: NotificationItem[]; total: number; unread: number }>('/notifications', { unreadOnly: unreadOnly ? 'true' : undefined, page: 1, pageSize }),
    enabled,
  });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post(`/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
