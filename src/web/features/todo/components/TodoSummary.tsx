import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { todoLink, useTodo } from '../api';
import { bucketIcons } from './TodoBuckets';

/** The home page's to-do: each bucket with its count and its most urgent item; the way into the day's work. */
export function TodoSummary() {
  const t = useT();
  const todo = useTodo();
  return (
    <Card
      variant="borderless"
      title={
        <span>
          {t('menu.todo')} <Badge count={todo.data?.total ?? 0} overflowCount={999} className="todo-summary__total" />
        </span>
      }
      extra={
        <Link to="/todo" data-testid="todo-summary-all">
          {t('todo.openAll')} <RightOutlined />
        </Link>
      }
      data-testid="todo-summary"
    >
      {todo.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : todo.isError ? (
        <LoadError error={todo.error} onRetry={() => void todo.refetch()} />
      ) : todo.data.total === 0 ? (
        <Typography.Text type="secondary">{t('todo.allDone')}</Typography.Text>
      ) : (
        <Row gutter={[12, 12]}>
          {todo.data.buckets
            .filter((b) => b.count > 0)
            .map((b) => (
              <Col key={b.key} xs={24} sm={12} xl={8}>
                <Link to={b.items[0] ? todoLink(b.key, b.items[0]) : '/todo'} className="todo-summary__item" data-testid={`todo-summary-${b.key}`}>
                  <span className="todo-card__icon">{bucketIcons[b.key]}</span>
                  <span className="todo-summary__text">
                    <Typography.Text strong>{t(`todo.${b.key}` as const)}</Typography.Text>
                    {b.items[0] && (
                      <Typography.Text type="secondary" ellipsis className="small">
                        {b.items[0].code} {b.items[0].title}
                      </Typography.Text>
                    )}
                  </span>
                  <span className="todo-summary__count">{b.count}</span>
                </Link>
              </Col>
            ))}
        </Row>
      )}
    </Card>
  );
}
