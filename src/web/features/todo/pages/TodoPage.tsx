import { ReloadOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useTodo } from '../api';
import { TodoBuckets } from '../components/TodoBuckets';

/** 待办: everything this person has to do now, by kind of work, most urgent first. */
export function TodoPage() {
  const t = useT();
  const todo = useTodo();
  return (
    <div data-testid="todo-page">
      <PageHeader
        title={t('menu.todo')}
        description={todo.data ? t('todo.description', { total: todo.data.total }) : t('todo.descriptionLoading')}
        extra={
          <Button icon={<ReloadOutlined />} loading={todo.isFetching} onClick={() => void todo.refetch()}>
            {t('todo.refresh')}
          </Button>
        }
      />
      {todo.isPending ? (
        <Skeleton active />
      ) : todo.isError ? (
        <LoadError error={todo.error} onRetry={() => void todo.refetch()} />
      ) : todo.data.total === 0 && todo.data.buckets.every((b) => b.count === 0) ? (
        <>
          <Result status="success" title={t('todo.allDone')} subTitle={t('todo.allDoneHint')} />
          <TodoBuckets buckets={todo.data.buckets} />
        </>
      ) : (
        <TodoBuckets buckets={todo.data.buckets} />
      )}
    </div>
  );
}
