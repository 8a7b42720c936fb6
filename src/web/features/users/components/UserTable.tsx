import { Empty, Grid, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { RoleTags } from '../../../components/labels';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { UserSummary } from '../api';
import { UserStatus } from './UserStatus';

interface Props {
  data?: { items: UserSummary[]; total: number };
  loading: boolean;
  page: number;
  pageSize: number;
  filtered: boolean;
  onPage: (page: number, pageSize: number) => void;
  actions?: (user: UserSummary) => ReactNode;
}

export function UserTable({ data, loading, page, pageSize, filtered, onPage, actions }: Props) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<UserSummary> = [
    {
      title: t('field.displayName'),
      dataIndex: 'displayName',
      width: 150,
      render: (name: string, u) => (
        <span className="user-cell">
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" className="mono">{u.username}</Typography.Text>
        </span>
      ),
    },
    { title: t('field.unit'), dataIndex: 'unitName', ellipsis: { showTitle: true } },
    { title: t('field.roles'), dataIndex: 'roles', width: 170, responsive: ['sm'], render: (roles: UserSummary['roles']) => <RoleTags roles={roles} /> },
    {
      title: t('field.contact'),
      key: 'contact',
      width: 170,
      // Admins open the edit drawer for contacts; readers come to this list for them.
      responsive: actions ? ['xxl'] : undefined,
      render: (_, u) => (
        <span className="user-cell">
          <span>{u.phone ?? '—'}</span>
          {u.email && <Typography.Text type="secondary">{u.email}</Typography.Text>}
        </span>
      ),
    },
    { title: t('field.status'), key: 'status', width: 120, responsive: ['sm'], render: (_, u) => <UserStatus user={u} /> },
    { title: t('field.lastLogin'), dataIndex: 'lastLoginAt', width: 140, responsive: ['xl'], render: (v: string | null) => (v ? formatDateTime(v) : t('users.neverSignedIn')) },
    ...(actions ? [{ title: t('common.actions'), key: 'actions', width: 200, render: (_: unknown, u: UserSummary) => actions(u) }] : []),
  ];
  return (
    <Table
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={screens.md || actions ? { x: 900 } : undefined}
      rowClassName={(u) => (u.enabled ? '' : 'row-disabled')}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common.total', { total }),
        onChange: onPage,
      }}
      locale={{ emptyText: <Empty description={filtered ? t('users.emptyFiltered') : t('users.empty')} /> }}
      data-testid="users-table"
    />
  );
}
