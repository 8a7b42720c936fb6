import { ArrowDownOutlined, ArrowUpOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Grid, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { presetPeriod, type PeriodPreset } from '../../../../domain/reports/period';
import { errorMessage } from '../../../api/client';
import { DateRangeField, type DateRange } from '../../../components/DateRangeField';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { useSession } from '../../../session/SessionProvider';
import { downloadDocument, useBulletinSummary, type BulletinSummary, type Period } from '../api';

type Choice = PeriodPreset | 'custom';
const CHOICES: Choice[] = ['this_week', 'last_week', 'this_month', 'last_month', 'custom'];
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
/** Equal heights for the cards of one row of figures. */
const fill = { height: '100%' };

/**
 * A period as the page names it: the server's label is the Chinese of the Word title ("2026年10月"), so other
 * languages show the dates.
 */
const periodName = (p: BulletinSummary['period'], lang: string) => (lang === 'zh-CN' ? p.label : p.from === p.to ? p.from : `${p.from} – ${p.to}`);

type Change = BulletinSummary['flows']['newProblems'];

/** One flow of the period: this period's count, the previous one's and the change (up is not always bad: say which). */
function FlowCard({ title, change, upIsBad, testId }: { title: string; change: Change | undefined; upIsBad: boolean; testId: string }) {
  const t = useT();
  const delta = change?.delta ?? 0;
  const bad = upIsBad ? delta > 0 : delta < 0;
  return (
    <Card variant="borderless" size="small" style={fill} data-testid={testId}>
      <Statistic
        title={title}
        value={change?.current ?? '—'}
        loading={!change}
        suffix={
          change && (
            <Typography.Text type={delta === 0 ? 'secondary' : bad ? 'danger' : 'success'} className="small">
              {delta > 0 ? <ArrowUpOutlined /> : delta < 0 ? <ArrowDownOutlined /> : null} {t('bulletin.previous', { n: change.previous })}
            </Typography.Text>
          )
        }
      />
    </Card>
  );
}

/** 调度通报: pick a period, see the figures and the ranking of the lead units, download the Word bulletin. */
export function BulletinPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const { me } = useSession();
  const screens = Grid.useBreakpoint();
  // The periods are the server's days (its calendar decides the deadlines), not the device's.
  const today = me?.today ?? dayjs().format('YYYY-MM-DD');
  const [choice, setChoice] = useState<Choice>('last_month');
  const [range, setRange] = useState<DateRange>([null, null]);
  const custom = range[0] && range[1] ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : null;
  const [downloading, setDownloading] = useState(false);
  // Until both ends of a custom range are picked, the figures stay those of last month (the line below says so).
  const period: Period = choice === 'custom' ? (custom ?? presetPeriod('last_month', today)) : presetPeriod(choice, today);
  const summary = useBulletinSummary(period);
  const choices = CHOICES.map((c) => ({ value: c, label: t(`bulletin.period.${c}` as UiKey) }));
  const s = summary.data;

  const download = async () => {
    setDownloading(true);
    try {
      const { fileName } = await downloadDocument({ method: 'GET', path: '/reports/bulletin', query: { from: period.from, to: period.to }, language: lang, fallbackName: 'bulletin.docx' });
      message.success(t('bulletin.downloaded', { name: fileName }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="bulletin-page">
      <PageHeader
        title={t('bulletin.title')}
        description={t('bulletin.description')}
        extra={
          <Button type="primary" icon={<FileWordOutlined />} onClick={() => void download()} loading={downloading} disabled={!s || (choice === 'custom' && !custom)} data-testid="bulletin-download">
            {t('bulletin.download')}
          </Button>
        }
      />
      <Card variant="borderless" size="small">
        <Space wrap size={12}>
          {screens.sm ? (
            <Segmented<Choice> value={choice} onChange={setChoice} options={choices} data-testid="bulletin-period" />
          ) : (
            // Five segments do not fit a phone in every language: a drop-down there.
            <Select<Choice> value={choice} onChange={setChoice} options={choices} popupMatchSelectWidth={false} style={{ minWidth: 120 }} data-testid="bulletin-period" />
          )}
          {choice === 'custom' && <DateRangeField value={range} onChange={(r) => setRange(r ?? [null, null])} allowClear={false} data-testid="bulletin-range" />}
          {s && (
            <Typography.Text type="secondary" data-testid="bulletin-period-line">
              {t('bulletin.periodLine', { label: periodName(s.period, lang), previous: periodName(s.previousPeriod, lang), asOf: s.asOf })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {summary.isError ? (
        <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['bulletin.total', s?.totals.total],
                ['bulletin.closed', s?.totals.closed],
                ['bulletin.rectifiedNotClosed', s?.totals.rectifiedNotClosed],
                ['bulletin.inProgress', s?.totals.inProgress],
                ['bulletin.overdue', s?.totals.overdue],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Card variant="borderless" size="small" style={fill} data-testid={`bulletin-stat-${key.slice('bulletin.'.length)}`}>
                  <Statistic title={t(key)} value={value ?? '—'} loading={!s} styles={key === 'bulletin.overdue' && value ? { content: { color: '#cf1322' } } : undefined} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card variant="borderless" size="small" style={fill} data-testid="bulletin-stat-warnings">
                <Statistic title={t('bulletin.warnings')} value={s ? s.warnings.yellow + s.warnings.red + s.warnings.severe : '—'} loading={!s} />
                {s && (
                  <Space size={4} wrap>
                    <Tag color="gold">{t('bulletin.yellow', { n: s.warnings.yellow })}</Tag>
                    <Tag color="red">{t('bulletin.red', { n: s.warnings.red })}</Tag>
                    <Tag color="magenta">{t('bulletin.severe', { n: s.warnings.severe })}</Tag>
                  </Space>
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.newProblems')} change={s?.flows.newProblems} upIsBad testId="bulletin-flow-newProblems" />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.rectified')} change={s?.flows.rectified} upIsBad={false} testId="bulletin-flow-rectified" />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.closedInPeriod')} change={s?.flows.closed} upIsBad={false} testId="bulletin-flow-closed" />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.newlyOverdue')} change={s?.flows.newlyOverdue} upIsBad testId="bulletin-flow-newlyOverdue" />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card variant="borderless" title={t('bulletin.ranking')} extra={screens.md && <Typography.Text type="secondary">{t('bulletin.rankingHelp')}</Typography.Text>}>
                {!screens.md && (
                  <Typography.Paragraph type="secondary" className="small">
                    {t('bulletin.rankingHelp')}
                  </Typography.Paragraph>
                )}
                <Table
                  rowKey="unitId"
                  size="small"
                  loading={summary.isFetching}
                  dataSource={s?.ranking ?? []}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                  locale={{ emptyText: <Empty description={t('bulletin.noRanking')} /> }}
                  columns={[
                    { title: t('bulletin.rank'), dataIndex: 'rank', width: 64, render: (v: number | null) => v ?? '—' },
                    { title: t('field.leadUnit'), dataIndex: 'unitName' },
                    // On a phone: rank, unit and rate; the counts behind the rate from a small tablet up.
                    { title: t('bulletin.due'), dataIndex: 'due', width: 72, align: 'right', responsive: ['sm'] },
                    { title: t('bulletin.onTime'), dataIndex: 'onTime', width: 88, align: 'right', responsive: ['sm'] },
                    { title: t('bulletin.late'), dataIndex: 'late', width: 72, align: 'right', responsive: ['sm'] },
                    { title: t('bulletin.rate'), dataIndex: 'rate', width: 96, align: 'right', render: pct },
                  ]}
                  data-testid="bulletin-ranking"
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Space orientation="vertical" size={16} className="full-width">
                <Card variant="borderless" title={t('bulletin.overdueByUnit')}>
                  <Table
                    rowKey="unitId"
                    size="small"
                    dataSource={s?.overdueByUnit ?? []}
                    pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
                    locale={{ emptyText: <Empty description={t('bulletin.noOverdue')} /> }}
                    columns={[
                      { title: t('field.leadUnit'), dataIndex: 'unitName' },
                      { title: t('bulletin.overdue'), dataIndex: 'overdue', width: 80, align: 'right' },
                      { title: t('bulletin.severeShort'), dataIndex: 'severe', width: 120, align: 'right' },
                    ]}
                  />
                </Card>
                <Card variant="borderless" title={t('bulletin.targets', { year: s?.targets.year ?? '' })}>
                  {s && s.targets.plans.length ? (
                    <Table
                      rowKey="planId"
                      size="small"
                      pagination={false}
                      dataSource={s.targets.plans}
                      columns={[
                        { title: t('bulletin.plan'), dataIndex: 'name', render: (v: string, r) => <span style={{ paddingLeft: r.depth * 16 }}>{v}</span> },
                        { title: t('bulletin.target'), dataIndex: 'target', width: 72, align: 'right' },
                        { title: t('bulletin.closed'), dataIndex: 'closed', width: 72, align: 'right' },
                        { title: t('bulletin.rate'), dataIndex: 'rate', width: 88, align: 'right', render: pct },
                      ]}
                    />
                  ) : (
                    <Typography.Text type="secondary">{s ? t('bulletin.noTargets', { closed: s.targets.all.closed }) : '—'}</Typography.Text>
                  )}
                </Card>
                <Card variant="borderless" title={t('bulletin.rebounds')}>
                  <Typography.Text>{s ? t('bulletin.reboundsLine', { n: s.rebounds.count, previous: s.rebounds.previous }) : '—'}</Typography.Text>
                </Card>
              </Space>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
