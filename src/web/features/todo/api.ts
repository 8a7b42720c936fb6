import { useQuery } from '@tanstack/react-query';
import type { ProblemRow } from '../../../shared/api/problems';
import type { TodoBucket, TodoBucketKey, TodoItem, TodoResponse } from '../../../shared/api/todo';
import { api } from '../../api/client';
import { useSession } from '../../session/SessionProvider';

export type { TodoItem, TodoResponse };

/**
 * The buckets of the to-do. `to_assign` (待交办: registered, not yet assigned) is the coordinator's first job; the
 * server's /api/todo has no bucket for it yet, so it is read from the ledger (status=registered) meanwhile.
 */
export type WorkBucketKey = TodoBucketKey | 'to_assign';
export interface WorkBucket {
  key: WorkBucketKey;
  count: number;
  items: TodoItem[];
}
export interface Work {
  total: number;
  buckets: WorkBucket[];
}

const ITEMS = 10;

/** The coordinator's registered problems, oldest first, as a to-do bucket. */
async function toAssign(): Promise<WorkBucket> {
  const page = await api.get<{ items: ProblemRow[]; total: number }>('/problems', { status: 'registered', sort: 'createdAt', page: 1, pageSize: ITEMS });
  return {
    key: 'to_assign',
    count: page.total,
    items: page.items.map((p) => ({ problemId: p.id, code: p.code, title: p.title, dueOn: null, warningLight: p.warningLight, refId: null })),
  };
}

async function loadWork(coordinator: boolean): Promise<Work> {
  const [todo, assign] = await Promise.all([api.get<TodoResponse>('/todo'), coordinator ? toAssign() : Promise.resolve(null)]);
  const buckets: WorkBucket[] = [...(assign ? [assign] : []), ...(todo.buckets as TodoBucket[])];
  return { total: todo.total + (assign?.count ?? 0), buckets };
}

/** 待办 of the signed-in user; shared by the to-do page, the home page and the menu badge (one request each). */
export function useTodo(enabled = true) {
  const { can } = useSession();
  const coordinator = can('problem.register');
  return useQuery({
    queryKey: ['todo', { coordinator }],
    queryFn: () => loadWork(coordinator),
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
