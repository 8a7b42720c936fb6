import { DownloadOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Flex, Grid, Input, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { StatusTag } from '../../../components/problem';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { useDisclosure, type DisclosureTab, type PublicClosedItem, type PublicProgressItem } from '../api';

const PAGE_SIZES = [10, 20, 50, 100];
const muted = { color: 'rgba(255, 255, 255, 0.75)' };

/** One labelled line of a problem on a phone ("牵头单位 青溪县水利局"). */
function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary">{label}</Typography.Text> {children}
    </div>
  );
}

/** A problem on a phone: one cell with the title first, the code and place under it, then the facts by name. */
function PhoneItem({ title, code, place, children }: { title: string; code: string; place: string; children: ReactNode }) {
  return (
    <Space orientation="vertical" size={2} className="full-width">
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" className="small">
        {code} · {place}
      </Typography.Text>
      {children}
    </Space>
  );
}

/**
 * 生态环境保护督察整改公开: the public side, reachable without signing in. It shows what the server's disclosure
 * policy lets out (only problems marked public, only public fields): closed problems and the progress of the others.
 */
export function DisclosurePage() {
  const t = useT();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
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

  // Widths so that the whole table fits the page's 1,280 px on a desktop, the free text taking what is left.
  const common = {
    code: { title: t('disclosure.col.code'), dataIndex: 'code', width: 180, fixed: 'left' as const },
    title: { title: t('disclosure.col.title'), dataIndex: 'title', width: 230 },
    region: { title: t('disclosure.col.region'), dataIndex: 'regionName', width: 90 },
    category: { title: t('disclosure.col.category'), dataIndex: 'category', width: 90 },
    leadUnit: { title: t('disclosure.col.leadUnit'), dataIndex: 'leadUnitName', width: 160 },
  };
  const deadlineOf = (r: PublicProgressItem) => (r.deadlineKind === 'date' ? (r.deadline ?? '—') : t(`deadlineKind.${r.deadlineKind}`));
  const phoneClosed: TableColumnsType<PublicClosedItem> = [
    {
      title: t('disclosure.col.title'),
      key: 'item',
      render: (_: unknown, r: PublicClosedItem) => (
        <PhoneItem title={r.title} code={r.code} place={`${r.regionName} · ${t(`category.${r.category}`)}`}>
          <Line label={t('disclosure.col.leadUnit')}>{r.leadUnitName ?? '—'}</Line>
          <Line label={t('disclosure.col.closedOn')}>{r.closedOn ?? '—'}</Line>
          <Line label={t('disclosure.col.measures')}>{r.measuresSummary ?? '—'}</Line>
        </PhoneItem>
      ),
    },
  ];
  const phoneProgress: TableColumnsType<PublicProgressItem> = [
    {
      title: t('disclosure.col.title'),
      key: 'item',
      render: (_: unknown, r: PublicProgressItem) => (
        <PhoneItem title={r.title} code={r.code} place={`${r.regionName} · ${t(`category.${r.category}`)}`}>
          <div>
            <StatusTag status={r.status} /> <Typography.Text type="secondary">{t('disclosure.col.deadline')}</Typography.Text> {deadlineOf(r)}
          </div>
          <Line label={t('disclosure.col.leadUnit')}>{r.leadUnitName ?? '—'}</Line>
          {r.latestProgress && <Line label={t('disclosure.col.progress')}>{r.latestProgress}</Line>}
        </PhoneItem>
      ),
    },
  ];
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
      width: 110,
      render: (_: unknown, r: PublicProgressItem) => deadlineOf(r),
    },
    { title: t('disclosure.col.status'), dataIndex: 'status', width: 110, render: (s: PublicProgressItem['status']) => <StatusTag status={s} /> },
    { title: t('disclosure.col.progress'), dataIndex: 'latestProgress', render: (v: string | null) => v ?? '—' },
  ];
  const pagination = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !phone,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total: number) => t('disclosure.total', { total }),
    onChange: (next: number, size: number) => {
      setPage(size === pageSize ? next : 1);
      setPageSize(size);
    },
  };
  const emptyText = q || regionId ? t('disclosure.emptyFiltered') : t('disclosure.empty');
  const table =
    data?.tab === 'progress' || (!data && tab === 'progress') ? (
      <Table<PublicProgressItem>
        rowKey="code"
        size="middle"
        columns={phone ? phoneProgress : progressColumns}
        dataSource={data?.tab === 'progress' ? data.items : []}
        loading={disclosure.isFetching}
        pagination={pagination}
        scroll={phone ? undefined : { x: 1180 }}
        locale={{ emptyText }}
        showHeader={!phone}
        data-testid="disclosure-table"
      />
    ) : (
      <Table<PublicClosedItem>
        rowKey="code"
        size="middle"
        columns={phone ? phoneClosed : closedColumns}
        dataSource={data?.tab === 'closed' ? data.items : []}
        loading={disclosure.isFetching}
        pagination={pagination}
        scroll={phone ? undefined : { x: 1100 }}
        locale={{ emptyText }}
        showHeader={!phone}
        data-testid="disclosure-table"
      />
    );

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f3f5f8' }} data-testid="disclosure-page">
      <header style={{ background: 'linear-gradient(160deg, #0b2545 0%, #13315c 55%, #134074 100%)', padding: phone ? '16px 12px' : '20px 24px' }}>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ maxWidth: 1280, margin: '0 auto' }}>
          <Space size={phone ? 12 : 16} align="center">
            <img src="/favicon.svg" alt="" width={phone ? 32 : 40} height={phone ? 32 : 40} />
            <div>
              <Typography.Title level={phone ? 4 : 3} style={{ color: '#fff', margin: 0 }}>
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
      <main style={{ flex: 1, width: '100%', boxSizing: 'border-box', maxWidth: 1280, margin: '0 auto', padding: phone ? 12 : 24 }}>
        <Card variant="borderless" styles={phone ? { body: { padding: 12 } } : undefined}>
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
            <Flex wrap gap={8} vertical={phone} className={phone ? 'full-width' : undefined}>
              <Input.Search
                allowClear
                maxLength={100}
                placeholder={t('disclosure.searchPlaceholder')}
                style={{ width: phone ? '100%' : 280 }}
                onSearch={(value) => {
                  setQ(value.trim() || undefined);
                  setPage(1);
                }}
                data-testid="disclosure-search"
              />
              <Select<number>
                allowClear
                style={{ width: phone ? '100%' : 180 }}
                placeholder={t('disclosure.anyRegion')}
                value={regionId}
                options={(data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
                onChange={(value) => {
                  setRegionId(value ?? undefined);
                  setPage(1);
                }}
                data-testid="disclosure-region"
              />
            </Flex>
            <Space wrap>
              {data && (
                <Typography.Text type="secondary" data-testid="disclosure-counts">
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
