import { Empty, Grid, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { EnabledTag, UnitKindTag } from '../../../components/labels';
import { useT } from '../../../i18n/I18nProvider';
import { buildTree, type TreeNode } from '../../../lib/tree';
import { useExpandAll } from '../../../lib/useExpandAll';
import type { Unit } from '../api';

interface Props {
  units: Unit[] | undefined;
  loading: boolean;
  filtered: boolean;
  actions?: (unit: Unit) => ReactNode;
  onOpen?: (unit: Unit) => void;
}

/** The unit tree as a table; with `actions` it is the admin screen, without it the read-only one. */
export function UnitTable({ units, loading, filtered, actions, onOpen }: Props) {
  const t = useT();
  const tree = useMemo(() => buildTree(units ?? []), [units]);
  const expandable = useExpandAll(units);
  const screens = Grid.useBreakpoint();
  const columns: TableColumnsType<TreeNode<Unit>> = [
    {
      title: t('field.unitName'),
      dataIndex: 'name',
      render: (_, u) => (
        <span className={u.enabled ? 'unit-name' : 'unit-name is-disabled'}>
          {onOpen ? (
            <Typography.Link onClick={() => onOpen(u)}>{u.name}</Typography.Link>
          ) : (
            <Typography.Text className="unit-name__full">{u.name}</Typography.Text>
          )}
          {u.shortName && u.shortName !== u.name && (
            <Typography.Text type="secondary" className="unit-name__short">
              {u.shortName}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: t('field.kind'), dataIndex: 'kind', width: 100, render: (kind: Unit['kind']) => <UnitKindTag kind={kind} /> },
    { title: t('field.region'), dataIndex: 'regionName', width: 100, ellipsis: true, responsive: ['sm'] },
    {
      title: t('field.uscc'),
      dataIndex: 'uscc',
      width: 190,
      responsive: ['lg'],
      render: (v: string | null) => (v ? <Typography.Text className="mono" copyable>{v}</Typography.Text> : '—'),
    },
    { title: t('field.contactPhone'), dataIndex: 'contactPhone', width: 130, responsive: [actions ? 'xxl' : 'md'], render: (v: string | null) => v ?? '—' },
    { title: t('field.status'), dataIndex: 'enabled', width: 76, responsive: ['sm'], render: (v: boolean) => <EnabledTag enabled={v} /> },
    ...(actions ? [{ title: t('common.actions'), key: 'actions', width: 214, render: (_: unknown, u: Unit) => actions(u) }] : []),
  ];
  return (
    <Table
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tree}
      loading={loading}
      pagination={false}
      // Phones get fewer columns rather than a sideways scroll; admins keep their actions reachable.
      scroll={screens.md || actions ? { x: actions ? 960 : 800 } : undefined}
      expandable={expandable}
      rowClassName={(u) => (u.enabled ? '' : 'row-disabled')}
      locale={{ emptyText: <Empty description={filtered ? t('units.emptyFiltered') : t('units.empty')} /> }}
      data-testid="units-table"
    />
  );
}
