import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../session/SessionProvider';
import { useTodo } from '../../todo/api';
import { useCampaigns, type CampaignSummary } from '../api';
import { CreateCampaignModal } from '../components/CreateCampaignModal';
import { SamplingText } from '../components/SamplingText';

/** The checks assigned to me (from the to-do), for verifiers and anyone asked to revisit. */
function MyChecks() {
  const t = useT();
  const todo = useTodo();
  const bucket = todo.data?.buckets.find((b) => b.key === 'lookback');
  return (
    <Card title={t('lookback.myChecks')} variant="borderless" data-testid="my-checks">
      {todo.isError ? (
        <LoadError error={todo.error} />
      ) : !bucket || bucket.items.length === 0 ? (
        <Empty description={t('lookback.noChecks')} />
      ) : (
        <ul className="todo-items">
          {bucket.items.map((item) => (
            <li key={item.refId ?? item.problemId}>
              <Link to={`/lookback/checks/${item.refId}`} className="todo-item" data-testid="my-check">
                <span className="todo-item__text">
                  <span className="mono todo-item__code">{item.code}</span>
                  <span className="todo-item__title">{item.title}</span>
                </span>
                <Tag color="processing">{t('lookback.pending')}</Tag>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** 回头看: the coordinator's campaigns (draw, assign, results) and everyone's own checks. */
export function LookbackPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const coordinator = can('problem.register');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const campaigns = useCampaigns(paging.page, paging.pageSize, coordinator);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('menu.lookback')}
        description={t('lookback.description')}
        extra={
          coordinator && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
              {t('lookback.create')}
            </Button>
          )
        }
      />
      <Space orientation="vertical" size={16} className="full-width">
        <MyChecks />
        {coordinator && (
          <Card title={t('lookback.campaigns')} variant="borderless">
            {campaigns.isError ? (
              <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
            ) : (
              <Table<CampaignSummary>
                rowKey="id"
                size="middle"
                loading={campaigns.isFetching}
                dataSource={campaigns.data?.items}
                scroll={{ x: 900 }}
                rowClassName="clickable"
                onRow={(c) => ({ onClick: () => navigate(`/lookback/${c.id}`) })}
                data-testid="campaigns-table"
                locale={{ emptyText: <Empty description={t('lookback.none')} /> }}
                pagination={{ current: paging.page, pageSize: paging.pageSize, total: campaigns.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (total) => t('common.total', { total }) }}
                columns={[
                  { title: t('lookback.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/lookback/${c.id}`}>{name}</Link> },
                  { title: t('lookback.sampling'), key: 'sampling', render: (_, c) => <SamplingText c={c} /> },
                  {
                    title: t('lookback.progress'),
                    key: 'progress',
                    width: 220,
                    render: (_, c) => (
                      <div>
                        <Progress percent={c.counts.total ? Math.round((c.counts.checked / c.counts.total) * 100) : 0} size="small" />
                        <Typography.Text type="secondary" className="small">
                          {t('lookback.countsLine', c.counts)}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  { title: t('lookbackResult.rebound'), key: 'rebound', width: 80, render: (_, c) => (c.counts.rebound ? <Tag color="error">{c.counts.rebound}</Tag> : 0) },
                  { title: t('field.status'), dataIndex: 'status', width: 90, render: (s: CampaignSummary['status']) => <Tag color={s === 'open' ? 'processing' : 'success'}>{t(`campaignStatus.${s}` as const)}</Tag> },
                  { title: t('lookback.createdAt'), key: 'created', width: 170, render: (_, c) => `${formatDateTime(c.createdAt)} ${c.createdBy?.name ?? ''}` },
                ]}
              />
            )}
          </Card>
        )}
      </Space>
      <CreateCampaignModal open={creating} onClose={() => setCreating(false)} onCreated={(c) => navigate(`/lookback/${c.id}`)} />
    </>
  );
}
