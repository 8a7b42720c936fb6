import { Card, Col, Empty, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { todayIso } from '../../../lib/format';
import { useCalendarYear } from '../api';
import { MonthGrid } from './MonthGrid';
import { toSpans, type Span } from './spans';

/** One loaded year as twelve month grids, or as a plain list of holidays and make-up working days. */
export function YearView({ year }: { year: number }) {
  const t = useT();
  const data = useCalendarYear(year);
  const [view, setView] = useState<'months' | 'list'>('months');
  const holidays = useMemo(() => new Map(data.data?.holidays.map((d) => [d.date, d.name])), [data.data]);
  const workdays = useMemo(() => new Map(data.data?.workdays.map((d) => [d.date, d.name])), [data.data]);
  const rows = useMemo(() => toSpans(data.data?.holidays ?? [], data.data?.workdays ?? []), [data.data]);
  const day = (d: string) => dayjs(d).format(t('format.dayWithWeekday'));
  const today = todayIso();
  return (
    <Card
      variant="borderless"
      title={t('calendar.yearTitle', { year })}
      extra={
        <Segmented
          value={view}
          onChange={setView}
          options={[
            { value: 'months', label: t('calendar.viewMonths') },
            { value: 'list', label: t('calendar.viewList') },
          ]}
        />
      }
      data-testid="calendar-year"
    >
      {data.data?.source && (
        <Typography.Paragraph type="secondary">
          {t('calendar.source')}：{data.data.source}
        </Typography.Paragraph>
      )}
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : view === 'months' ? (
        <>
          <Space wrap className="calendar-legend">
            <span className="legend legend--holiday">{t('calendar.legendHoliday')}</span>
            <span className="legend legend--makeup">{t('calendar.legendMakeup')}</span>
            <span className="legend legend--weekend">{t('calendar.legendWeekend')}</span>
            <span className="legend legend--today">{t('calendar.legendToday')}</span>
          </Space>
          <Row gutter={[16, 16]}>
            {Array.from({ length: 12 }, (_, m) => (
              <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                <MonthGrid year={year} month={m} holidays={holidays} workdays={workdays} today={today} />
              </Col>
            ))}
          </Row>
        </>
      ) : (
        <Table<Span>
          rowKey="key"
          size="middle"
          loading={data.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t('calendar.noSpecialDays')} /> }}
          columns={[
            { title: t('field.name'), dataIndex: 'name', width: 200 },
            {
              title: t('field.type'),
              dataIndex: 'type',
              width: 130,
              render: (type: Span['type']) =>
                type === 'holiday' ? <Tag color="green">{t('calendar.typeHoliday')}</Tag> : <Tag color="orange">{t('calendar.typeMakeup')}</Tag>,
            },
            {
              title: t('field.date'),
              key: 'dates',
              render: (_, s) => (s.first === s.last ? day(s.first) : t('calendar.spanDates', { first: day(s.first), last: day(s.last) })),
            },
            { title: t('calendar.spanDays'), dataIndex: 'days', width: 100, render: (n: number) => t('calendar.daysCount', { n }) },
          ]}
        />
      )}
    </Card>
  );
}
