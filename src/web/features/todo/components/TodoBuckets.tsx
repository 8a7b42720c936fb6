import {
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ContainerOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  InboxOutlined,
  RollbackOutlined,
  SearchOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Badge, Card, Col, Empty, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { WarningLight } from '../../../components/problem';
import { useT } from '../../../i18n/I18nProvider';
import { BUCKET_LEDGER, todoLink, type WorkBucket, type WorkBucketKey } from '../api';

export const bucketIcons: Record<WorkBucketKey, ReactNode> = {
  to_assign: <SendOutlined />,
  to_acknowledge: <InboxOutlined />,
  to_report: <EditOutlined />,
  returned: <RollbackOutlined />,
  to_self_check: <CheckSquareOutlined />,
  to_verify: <SearchOutlined />,
  notice_due: <FieldTimeOutlined />,
  to_archive: <ContainerOutlined />,
  to_file: <FileDoneOutlined />,
  extensions: <CalendarOutlined />,
  lookback: <AuditOutlined />,
};

/** One bucket: what it is, how many, the most urgent items (each a link to where the work is done). */
export function BucketCard({ bucket, limit = 10 }: { bucket: WorkBucket; limit?: number }) {
  const t = useT();
  const more = bucket.count - Math.min(limit, bucket.items.length);
  const ledger = BUCKET_LEDGER[bucket.key];
  return (
    <Card
      size="small"
      className={`todo-card${bucket.count ? ' todo-card--busy' : ''}`}
      data-testid={`todo-${bucket.key}`}
      title={
        <span className="todo-card__title">
          <span className="todo-card__icon">{bucketIcons[bucket.key]}</span>
          {t(`todo.${bucket.key}` as const)}
        </span>
      }
      extra={<Badge count={bucket.count} showZero color={bucket.count ? '#d4380d' : '#bfbfbf'} overflowCount={999} data-testid="todo-count" />}
    >
      <Typography.Paragraph type="secondary" className="small todo-card__hint">
        {t(`todoHint.${bucket.key}` as const)}
      </Typography.Paragraph>
      {bucket.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.nothing')} className="todo-card__empty" />
      ) : (
        <ul className="todo-items">
          {bucket.items.slice(0, limit).map((item) => (
            <li key={`${item.problemId}-${item.refId ?? ''}`}>
              <Link to={todoLink(bucket.key, item)} className="todo-item" data-testid="todo-item">
                <WarningLight light={item.warningLight} withLabel={false} dueOn={item.dueOn} />
                <span className="todo-item__text">
                  <span className="mono todo-item__code">{item.code}</span>
                  <span className="todo-item__title" title={item.title}>
                    {item.title}
                  </span>
                  {item.returnReason && (
                    <span className="todo-item__reason" title={item.returnReason} data-testid="todo-return-reason">
                      {t('todo.returnReason', { reason: item.returnReason })}
                    </span>
                  )}
                </span>
                {/* A bare date says nothing: it is the day this item is due by. */}
                {item.dueOn && <span className="todo-item__due">{t('problem.dueOn', { date: item.dueOn })}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {more > 0 &&
        (ledger ? (
          <Link to={`/problems?${ledger}`} className="small">
            {t('todo.more', { n: more })}
          </Link>
        ) : (
          <Typography.Text type="secondary" className="small">
            {t('todo.moreNoLink', { n: more })}
          </Typography.Text>
        ))}
    </Card>
  );
}

/** The buckets in a grid; busy ones first, empty ones after. */
export function TodoBuckets({ buckets, limit }: { buckets: WorkBucket[]; limit?: number }) {
  const sorted = [...buckets].sort((a, b) => Number(b.count > 0) - Number(a.count > 0));
  return (
    <Row gutter={[16, 16]}>
      {sorted.map((b) => (
        <Col key={b.key} xs={24} md={12} xl={8}>
          <BucketCard bucket={b} limit={limit} />
        </Col>
      ))}
    </Row>
  );
}
