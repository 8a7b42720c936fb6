import { ArrowDownOutlined, ArrowUpOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { presetPeriod, type PeriodPreset } from '../../../../domain/reports/period';
import { errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { downloadDocument, useBulletinSummary, type BulletinSummary, type Period } from '../api';

type Choice = PeriodPreset | 'custom';
const CHOICES: Choice[] = ['this_week', 'last_week', 'this_month', 'last_month', 'custom'];
const today = () => dayjs().format('YYYY-MM-DD');
const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

type Change = BulletinSummary['flows']['newProblems'];

/** One flow of the period: this period's count, the previous one's and the change (up is not always bad: say which). */
function FlowCard({ title, change, upIsBad }: { title: string; change: Change | undefined; upIsBad: boolean }) {
  const t = useT();
  const delta = change?.delta ?? 0;
  const bad = upIsBad ? delta > 0 : delta < 0;
  return (
    <Card variant="borderless" size="small">
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
  const [choice, setChoice] = useState<Choice>('last_month');
  const [custom, setCustom] = useState<[Dayjs, Dayjs] | null>(null);
  const [downloading, setDownloading] = useState(false);
  const period: Period =
    choice === 'custom'
      ? custom
        ? { from: custom[0].format('YYYY-MM-DD'), to: custom[1].format('YYYY-MM-DD') }
        : presetPeriod('last_month', today())
      : presetPeriod(choice, today());
  const summary = useBulletinSummary(period);
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
          <Button type="primary" icon={<FileWordOutlined />} onClick={() => void download()} loading={downloading} disabled={!s} data-testid="bulletin-download">
            {t('bulletin.download')}
          </Button>
        }
      />
      <Card variant="borderless" size="small">
        <Space wrap size={12}>
          <Segmented<Choice> value={choice} onChange={setChoice} options={CHOICES.map((c) => ({ value: c, label: t(`bulletin.period.${c}` as UiKey) }))} data-testid="bulletin-period" />
          {choice === 'custom' && (
            <DatePicker.RangePicker value={custom} onChange={(r) => setCustom(r && r[0] && r[1] ? [r[0], r[1]] : null)} allowClear={false} data-testid="bulletin-range" />
          )}
          {s && (
            <Typography.Text type="secondary">
              {t('bulletin.periodLine', { label: s.period.label, previous: s.previousPeriod.label, asOf: s.asOf })}
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
                <Card variant="borderless" size="small">
                  <Statistic title={t(key)} value={value ?? '—'} loading={!s} styles={key === 'bulletin.overdue' && value ? { content: { color: '#cf1322' } } : undefined} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card variant="borderless" size="small">
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
              <FlowCard title={t('bulletin.newProblems')} change={s?.flows.newProblems} upIsBad />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.rectified')} change={s?.flows.rectified} upIsBad={false} />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.closedInPeriod')} change={s?.flows.closed} upIsBad={false} />
            </Col>
            <Col xs={12} lg={6}>
              <FlowCard title={t('bulletin.newlyOverdue')} change={s?.flows.newlyOverdue} upIsBad />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card variant="borderless" title={t('bulletin.ranking')} extra={<Typography.Text type="secondary">{t('bulletin.rankingHelp')}</Typography.Text>}>
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
                    { title: t('bulletin.due'), dataIndex: 'due', width: 72, align: 'right' },
                    { title: t('bulletin.onTime'), dataIndex: 'onTime', width: 88, align: 'right' },
                    { title: t('bulletin.late'), dataIndex: 'late', width: 72, align: 'right' },
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
                      { title: t('bulletin.severeShort'), dataIndex: 'severe', width: 96, align: 'right' },
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
