import { Card, Empty, Table, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { YearSummary } from '../api';

/** The loaded years; clicking one shows it below. */
export function YearList({ years, loading, selected, onSelect }: { years?: YearSummary[]; loading: boolean; selected?: number; onSelect: (year: number) => void }) {
  const t = useT();
  return (
    <Card variant="borderless" title={t('calendar.loadedYears')}>
      <Table<YearSummary>
        rowKey="year"
        size="small"
        loading={loading}
        dataSource={years}
        pagination={false}
        onRow={(r) => ({ onClick: () => onSelect(r.year), className: r.year === selected ? 'row-selected clickable' : 'clickable' })}
        locale={{ emptyText: <Empty description={t('calendar.noYears')} /> }}
        columns={[
          { title: t('field.year'), dataIndex: 'year', width: 80, render: (y: number) => <Typography.Link>{y}</Typography.Link> },
          { title: t('calendar.holidayDays'), dataIndex: 'holidays', width: 100 },
          { title: t('calendar.makeupDays'), dataIndex: 'workdays', width: 100 },
          { title: t('calendar.workingDays'), dataIndex: 'workingDays', width: 100, responsive: ['sm'] },
          { title: t('calendar.loadedAt'), dataIndex: 'loadedAt', width: 150, responsive: ['md'], render: formatDateTime },
        ]}
      />
    </Card>
  );
}
