import { Empty, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { AuditEntry } from '../api';
import { AuditDiff } from './AuditDiff';
import { actionLabel, entityLabel } from './labels';

interface Props {
  data?: { items: AuditEntry[]; total: number };
  loading: boolean;
  page: number;
  pageSize: number;
  filtered: boolean;
  onPage: (page: number, pageSize: number) => void;
}

export function AuditTable({ data, loading, page, pageSize, filtered, onPage }: Props) {
  const t = useT();
  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'id', width: 70 },
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <Tooltip title={v}>{formatDateTime(v)}</Tooltip> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 130,
      render: (name: string | null, r) => name ?? <Typography.Text type="secondary">{r.actorId ? `#${r.actorId}` : t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <span>
          {actionLabel(t, a)} <Typography.Text type="secondary" className="mono small">{a}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 140,
      render: (_, r) => (
        <span>
          <Tag>{entityLabel(t, r.entityType)}</Tag>
          <Typography.Text className="mono">{r.entityId}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      width: 150,
      responsive: ['lg'],
      render: (h: string) => (
        <Typography.Text className="mono" copyable={{ text: h }}>
          <Tooltip title={h}>{`${h.slice(0, 8)}…${h.slice(-4)}`}</Tooltip>
        </Typography.Text>
      ),
    },
  ];
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 900 }}
      expandable={{
        expandedRowRender: (r) => <AuditDiff entry={r} />,
        rowExpandable: (r) => r.before !== null || r.after !== null,
      }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
      locale={{ emptyText: <Empty description={filtered ? t('audit.emptyFiltered') : t('audit.empty')} /> }}
      data-testid="audit-table"
    />
  );
}
