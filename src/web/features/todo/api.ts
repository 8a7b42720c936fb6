import { useQuery } from '@tanstack/react-query';
import type { TodoBucket, TodoBucketKey, TodoItem, TodoResponse } from '../../../shared/api/todo';
import { api } from '../../api/client';

export type { TodoItem, TodoResponse };

export type WorkBucketKey = TodoBucketKey;
export type WorkBucket = TodoBucket;
export type Work = TodoResponse;

/** 待办 of the signed-in user; shared by the to-do page, the home page and the menu badge (one request each). */
export function useTodo(enabled = true) {
  return useQuery({
    queryKey: ['todo'],
    queryFn: () => api.get<TodoResponse>('/todo'),
    enabled,
    staleTime: 30_000,
    refetchInterval: 120_000,
  });
}

/** Where an item of a bucket leads: the look-back check, or the problem at the tab the to-do is about. */
export function todoLink(bucket: WorkBucketKey, item: TodoItem): string {
  if (bucket === 'lookback' && item.refId) return `/lookback/checks/${item.refId}`;
  const tab: Partial<Record<WorkBucketKey, string>> = { returned: 'reports', extensions: 'extensions', to_verify: 'closing', notice_due: 'closing', to_archive: 'closing', to_file: 'closing' };
  return tab[bucket] ? `/problems/${item.problemId}?tab=${tab[bucket]}` : `/problems/${item.problemId}`;
}

/** The ledger filter showing a whole bucket, where one status says it. */
export const BUCKET_LEDGER: Partial<Record<WorkBucketKey, string>> = {
  to_assign: 'status=registered',
  to_acknowledge: 'status=assigned',
  to_report: 'status=acknowledged,rectifying',
  to_self_check: 'status=rectifying',
  to_verify: 'status=verifying',
  notice_due: 'status=public_notice',
  to_archive: 'status=notice_completed',
  to_file: 'status=archived',
};
