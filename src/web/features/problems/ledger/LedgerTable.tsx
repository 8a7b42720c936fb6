import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Empty, Popover, Space, Table, Tooltip, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link, useNavigate } from 'react-router-dom';
import { Deadline, FlagTag, RoundTag, ScheduleTag, StatusTag, WarningLight } from '../../../components/problem';
import { useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { formatDate } from '../../../lib/format';
import { useStoredState } from '../../../lib/useStoredState';
import { useMe } from '../../../session/SessionProvider';
import type { LedgerPage, LedgerSort, ProblemRow } from '../api';
import { PAGE_SIZES } from './useLedgerState';

export const COLUMN_KEYS = ['code', 'title', 'warning', 'status', 'schedule', 'deadline', 'leadUnit', 'category', 'source', 'region', 'latestProgress', 'createdAt'] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];
const DEFAULT_HIDDEN: ColumnKey[] = ['category', 'source', 'region', 'latestProgress', 'createdAt'];
/** The title takes what is left, but never less than this. */
const TITLE_MIN = 230;
/** Code and title identify the row: they cannot be hidden. */
const FIXED: ColumnKey[] = ['code', 'title'];
const columnLabels: Record<ColumnKey, UiKey> = {
  code: 'field.problemCode',
  title: 'field.title',
  warning: 'field.warningLight',
  status: 'field.problemStatus',
  schedule: 'field.scheduleState',
  deadline: 'field.deadline',
  leadUnit: 'field.leadUnit',
  category: 'field.category',
  source: 'field.problemSource',
  region: 'field.region',
  latestProgress: 'field.latestProgress',
  createdAt: 'field.createdAt',
};
const SORTABLE: Partial<Record<ColumnKey, string>> = { code: 'code', warning: 'warning', status: 'status', deadline: 'deadline', createdAt: 'createdAt' };

const isKeyList = (v: unknown): v is ColumnKey[] => Array.isArray(v) && v.every((k) => (COLUMN_KEYS as readonly string[]).includes(k as string));

/** Which columns this user chose to see, remembered in this browser. */
export function useColumnChoice() {
  const me = useMe();
  return useStoredState<ColumnKey[]>(`ducha.ledger.hiddenColumns.${me.id}`, DEFAULT_HIDDEN, isKeyList);
}

/** 列设置: tick the columns to show. */
export function ColumnChooser({ hidden, onChange }: { hidden: ColumnKey[]; onChange: (hidden: ColumnKey[]) => void }) {
  const t = useT();
  const content = (
    <Space orientation="vertical" size={4} data-testid="column-chooser">
      {COLUMN_KEYS.map((key) => (
        <Checkbox
          key={key}
          disabled={FIXED.includes(key)}
          checked={!hidden.includes(key)}
          onChange={(e) => onChange(e.target.checked ? hidden.filter((k) => k !== key) : [...hidden, key])}
        >
          {t(columnLabels[key])}
        </Checkbox>
      ))}
      <Button type="link" size="small" className="column-chooser__reset" onClick={() => onChange(DEFAULT_HIDDEN)}>
        {t('ledger.defaultColumns')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title={t('ledger.columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t('ledger.columns')}
      </Button>
    </Popover>
  );
}

interface Props {
  data?: LedgerPage;
  loading: boolean;
  sort: LedgerSort;
  page: number;
  pageSize: number;
  hidden: ColumnKey[];
  filtered: boolean;
  onSort: (sort: LedgerSort) => void;
  onPage: (page: number, pageSize: number) => void;
}

/** 问题清单 table: one server page at a time, sorted by the server; a click on a row opens the problem. */
export function LedgerTable({ data, loading, sort, page, pageSize, hidden, filtered, onSort, onPage }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const orderOf = (field: string): SortOrder => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);

  const all: (TableColumnsType<ProblemRow>[number] & { key: ColumnKey })[] = [
    {
      key: 'code',
      title: t('field.problemCode'),
      dataIndex: 'code',
      width: 160,
      fixed: 'left',
      render: (code: string, p) => (
        <Link to={`/problems/${p.id}`} className="mono" onClick={(e) => e.stopPropagation()}>
          {code}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('field.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <span className="ledger-title">
          <Typography.Text strong className="ledger-title__text">
            {title}
          </Typography.Text>
          {p.flagged && <FlagTag level={p.flagLevel} />}
          <RoundTag round={p.rectificationRound} />
        </span>
      ),
    },
    {
      key: 'warning',
      title: t('field.warningLight'),
      dataIndex: 'warningLight',
      width: 104,
      render: (_: unknown, p) => <WarningLight light={p.warningLight} reason={p.warningReason} dueOn={p.warningDueOn} />,
    },
    { key: 'status', title: t('field.problemStatus'), dataIndex: 'status', width: 116, render: (_: unknown, p) => <StatusTag status={p.status} /> },
    { key: 'schedule', title: t('field.scheduleState'), dataIndex: 'scheduleState', width: 122, render: (_: unknown, p) => <ScheduleTag state={p.scheduleState} /> },
    { key: 'deadline', title: t('field.deadline'), dataIndex: 'deadline', width: 144, render: (_: unknown, p) => <Deadline problem={p} compact /> },
    { key: 'leadUnit', title: t('field.leadUnit'), dataIndex: 'leadUnitName', width: 140, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
    { key: 'category', title: t('field.category'), dataIndex: 'category', width: 100, render: (v: ProblemRow['category']) => t(`category.${v}` as const) },
    { key: 'source', title: t('field.problemSource'), dataIndex: 'source', width: 150, ellipsis: { showTitle: true }, render: (v: ProblemRow['source']) => t(`source.${v}` as const) },
    { key: 'region', title: t('field.region'), dataIndex: 'regionName', width: 110, ellipsis: { showTitle: true } },
    {
      key: 'latestProgress',
      title: t('field.latestProgress'),
      dataIndex: 'latestProgress',
      width: 220,
      ellipsis: { showTitle: false },
      render: (v: string | null) => (v ? <Tooltip title={v}>{v}</Tooltip> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
  ];
  const columns = all
    .filter((c) => FIXED.includes(c.key) || !hidden.includes(c.key))
    .map((c) => {
      const field = SORTABLE[c.key];
      return field ? { ...c, sorter: true, sortOrder: orderOf(field), sortDirections: ['ascend', 'descend', 'ascend'] as SortOrder[] } : c;
    });

  const onChange: TableProps<ProblemRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey ? SORTABLE[s.columnKey as ColumnKey] : undefined;
      if (field && s?.order) onSort((s.order === 'descend' ? `-${field}` : field) as LedgerSort);
      else onSort('-createdAt');
    } else if (extra.action === 'paginate') onPage(pagination.current ?? 1, pagination.pageSize ?? pageSize);
  };

  return (
    <Table<ProblemRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      onChange={onChange}
      scroll={{ x: columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : TITLE_MIN), 0) }}
      rowClassName={(p) => `clickable ledger-row ledger-row--${p.warningLight}`}
      onRow={(p) => ({ onClick: () => navigate(`/problems/${p.id}`) })}
      showSorterTooltip={{ target: 'sorter-icon' }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showQuickJumper: (data?.total ?? 0) > pageSize * 10,
        showTotal: (total) => t('common.total', { total }),
      }}
      locale={{ emptyText: <Empty description={filtered ? t('ledger.emptyFiltered') : t('ledger.empty')} /> }}
      data-testid="ledger-table"
    />
  );
}
