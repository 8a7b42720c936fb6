import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Flex, Input, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { StatusTag } from '../../../components/problem';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { useDisclosure, type DisclosureTab, type PublicClosedItem, type PublicProgressItem } from '../api';

const PAGE_SIZES = [10, 20, 50, 100];
const muted = { color: 'rgba(255, 255, 255, 0.75)' };

/**
 * 生态环境保护督察整改公开: the public side, reachable without signing in. It shows what the server's disclosure
 * policy lets out (only problems marked public, only public fields): closed problems and the progress of the others.
 */
export function DisclosurePage() {
  const t = useT();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const [tab, setTab] = useState<DisclosureTab>('closed');
  const [q, setQ] = useState<string | undefined>();
  const [regionId, setRegionId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [downloading, setDownloading] = useState(false);
  const disclosure = useDisclosure({ tab, q, regionId, page, pageSize });
  const data = disclosure.data;

  const download = async () => {
    setDownloading(true);
    try {
      await downloadFile('/public/disclosure.xlsx', { q, regionId }, lang, 'disclosure.xlsx');
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const common = {
    code: { title: t('disclosure.col.code'), dataIndex: 'code', width: 190, fixed: 'left' as const },
    title: { title: t('disclosure.col.title'), dataIndex: 'title', width: 260 },
    region: { title: t('disclosure.col.region'), dataIndex: 'regionName', width: 100 },
    category: { title: t('disclosure.col.category'), dataIndex: 'category', width: 100 },
    leadUnit: { title: t('disclosure.col.leadUnit'), dataIndex: 'leadUnitName', width: 180 },
  };
  const closedColumns: TableColumnsType<PublicClosedItem> = [
    common.code,
    common.title,
    common.region,
    { ...common.category, render: (c: PublicClosedItem['category']) => t(`category.${c}`) },
    { ...common.leadUnit, render: (v: string | null) => v ?? '—' },
    { title: t('disclosure.col.measures'), dataIndex: 'measuresSummary', render: (v: string | null) => v ?? '—' },
    { title: t('disclosure.col.closedOn'), dataIndex: 'closedOn', width: 120, render: (v: string | null) => v ?? '—' },
  ];
  const progressColumns: TableColumnsType<PublicProgressItem> = [
    common.code,
    common.title,
    common.region,
    { ...common.category, render: (c: PublicProgressItem['category']) => t(`category.${c}`) },
    { ...common.leadUnit, render: (v: string | null) => v ?? '—' },
    {
      title: t('disclosure.col.deadline'),
      dataIndex: 'deadline',
      width: 120,
      render: (_: unknown, r: PublicProgressItem) => (r.deadlineKind === 'date' ? (r.deadline ?? '—') : t(`deadlineKind.${r.deadlineKind}`)),
    },
    { title: t('disclosure.col.status'), dataIndex: 'status', width: 130, render: (s: PublicProgressItem['status']) => <StatusTag status={s} /> },
    { title: t('disclosure.col.progress'), dataIndex: 'latestProgress', render: (v: string | null) => v ?? '—' },
  ];
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total: number) => t('disclosure.total', { total }),
    onChange: (next: number, size: number) => {
      setPage(size === pageSize ? next : 1);
      setPageSize(size);
    },
  };
  const table =
    data?.tab === 'progress' || (!data && tab === 'progress') ? (
      <Table<PublicProgressItem>
        rowKey="code"
        size="middle"
        columns={progressColumns}
        dataSource={data?.tab === 'progress' ? data.items : []}
        loading={disclosure.isFetching}
        pagination={pagination}
        scroll={{ x: 1300 }}
        locale={{ emptyText: t('disclosure.empty') }}
        data-testid="disclosure-table"
      />
    ) : (
      <Table<PublicClosedItem>
        rowKey="code"
        size="middle"
        columns={closedColumns}
        dataSource={data?.tab === 'closed' ? data.items : []}
        loading={disclosure.isFetching}
        pagination={pagination}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('disclosure.empty') }}
        data-testid="disclosure-table"
      />
    );

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f3f5f8' }} data-testid="disclosure-page">
      <header style={{ background: 'linear-gradient(160deg, #0b2545 0%, #13315c 55%, #134074 100%)', padding: '20px 24px' }}>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Space size={16} align="center">
            <img src="/favicon.svg" alt="" width={40} height={40} />
            <div>
              <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
                {t('disclosure.title')}
              </Typography.Title>
              <Typography.Text style={muted}>{t('disclosure.description')}</Typography.Text>
            </div>
          </Space>
          <Space size={16} align="center" className="login-page__lang" style={{ padding: 0 }}>
            <LanguageSwitch size="small" />
            <Link to="/login" style={muted}>
              <LoginOutlined /> {t('disclosure.signIn')}
            </Link>
          </Space>
        </Flex>
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 1280, margin: '0 auto', padding: 24 }}>
        <Card variant="borderless">
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setTab(key as DisclosureTab);
              setPage(1);
            }}
            items={[
              { key: 'closed', label: <Badge count={data?.counts.closed} overflowCount={99999} color="#2e9d4f" offset={[14, -2]}>{t('disclosure.tabClosed')}</Badge> },
              { key: 'progress', label: <Badge count={data?.counts.progress} overflowCount={99999} color="#1559a8" offset={[14, -2]}>{t('disclosure.tabProgress')}</Badge> },
            ]}
          />
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
            <Space wrap>
              <Input.Search
                allowClear
                maxLength={100}
                placeholder={t('disclosure.searchPlaceholder')}
                style={{ width: 280 }}
                onSearch={(value) => {
                  setQ(value.trim() || undefined);
                  setPage(1);
                }}
                data-testid="disclosure-search"
              />
              <Select<number>
                allowClear
                style={{ width: 180 }}
                placeholder={t('disclosure.anyRegion')}
                value={regionId}
                options={(data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
                onChange={(value) => {
                  setRegionId(value ?? undefined);
                  setPage(1);
                }}
              />
            </Space>
            <Space wrap>
              {data && (
                <Typography.Text type="secondary">
                  {t('disclosure.asOf', { date: data.asOf })} · {t('disclosure.counts', { closed: data.counts.closed, progress: data.counts.progress })}
                </Typography.Text>
              )}
              <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} data-testid="disclosure-download">
                {t('disclosure.download')}
              </Button>
            </Space>
          </Flex>
          {disclosure.isError && <Alert type="error" showIcon title={errorMessage(disclosure.error)} style={{ marginBottom: 16 }} />}
          {table}
        </Card>
      </main>
      <footer style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: 16 }}>{t('disclosure.footer')}</footer>
    </div>
  );
}
