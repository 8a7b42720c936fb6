import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { EnabledTag, RegionLevelTag } from '../../../components/labels';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { buildTree, type TreeNode } from '../../../lib/tree';
import { useExpandAll } from '../../../lib/useExpandAll';
import { useRegions, type Region } from '../api';
import { MoveRegionModal } from '../components/MoveRegionModal';
import { RegionActions } from '../components/RegionActions';
import { RegionFormModal, type RegionDialog } from '../components/RegionFormModal';

/** 行政区划管理: the region tree with create-child, rename, move, disable/enable. */
export function RegionsPage() {
  const t = useT();
  const regions = useRegions();
  const [showDisabled, setShowDisabled] = useState(true);
  const [dialog, setDialog] = useState<RegionDialog | null>(null);
  const [moving, setMoving] = useState<Region | null>(null);

  const all = useMemo(() => regions.data ?? [], [regions.data]);
  const visible = useMemo(() => (showDisabled ? all : all.filter((r) => r.enabled)), [all, showDisabled]);
  const tree = useMemo(() => buildTree(visible), [visible]);
  const expandable = useExpandAll(regions.data);

  const columns: TableColumnsType<TreeNode<Region>> = [
    {
      title: t('field.regionName'),
      dataIndex: 'name',
      render: (name: string, r) => <span className={r.enabled ? undefined : 'is-disabled'}>{name}</span>,
    },
    { title: t('field.regionCode'), dataIndex: 'code', width: 150, render: (code: string) => <Typography.Text className="mono">{code}</Typography.Text> },
    { title: t('field.level'), dataIndex: 'level', width: 120, render: (level: Region['level']) => <RegionLevelTag level={level} /> },
    { title: t('field.status'), dataIndex: 'enabled', width: 90, render: (enabled: boolean) => <EnabledTag enabled={enabled} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_, r) => (
        <RegionActions
          region={r}
          onAddChild={() => setDialog({ mode: 'create', parent: r })}
          onRename={() => setDialog({ mode: 'rename', region: r })}
          onMove={() => setMoving(r)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.regions')}
        description={t('regions.description')}
        extra={
          <Space wrap>
            <Space size={6}>
              <Switch checked={showDisabled} onChange={setShowDisabled} size="small" id="regions-show-disabled" />
              <label htmlFor="regions-show-disabled">{t('common.showDisabled')}</label>
            </Space>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: null })}>
              {t('regions.createTopButton')}
            </Button>
          </Space>
        }
      />
      <Card variant="borderless">
        {regions.isError ? (
          <LoadError error={regions.error} onRetry={() => void regions.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tree}
            loading={regions.isPending}
            pagination={false}
            scroll={{ x: 860 }}
            expandable={expandable}
            rowClassName={(r) => (r.enabled ? '' : 'row-disabled')}
            locale={{ emptyText: <Empty description={t('regions.empty')} /> }}
            data-testid="regions-table"
          />
        )}
      </Card>
      <RegionFormModal dialog={dialog} onClose={() => setDialog(null)} />
      <MoveRegionModal region={moving} regions={all} onClose={() => setMoving(null)} />
    </>
  );
}
