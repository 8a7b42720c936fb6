import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Select, Space, Statistic, Table, Tag, Typography, Row, Col } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { StatusTag } from '../../../components/problem';
import { LoadError, PageLoading } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useUsersWithRole } from '../../problems/api';
import { useAssignCheckers, useCampaign, type LookbackCheck } from '../api';
import { CheckResultTag } from '../components/labels';
import { SamplingText } from '../components/SamplingText';

/** 回头看批次: the drawn problems, their checkers (assign several at once) and results; a rebound shows its new round. */
export function CampaignPage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const campaign = useCampaign(id);
  const verifiers = useUsersWithRole('verifier');
  const assign = useAssignCheckers(id);
  const [selected, setSelected] = useState<number[]>([]);
  const [checker, setChecker] = useState<number>();

  if (campaign.isPending) return <PageLoading />;
  if (campaign.isError) return <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const assignable = (k: LookbackCheck) => !k.result;
  const doAssign = (checkIds: number[], userId: number) =>
    assign.mutate(
      checkIds.map((checkId) => ({ checkId, checkerUserId: userId })),
      {
        onSuccess: () => {
          message.success(t('lookback.assigned', { n: checkIds.length }));
          setSelected([]);
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="campaign-page">
      <Link to="/lookback">
        <Button type="link" icon={<ArrowLeftOutlined />} className="back-link">
          {t('lookback.back')}
        </Button>
      </Link>
      <PageHeader title={c.name} description={<SamplingText c={c} />} extra={<Tag color={c.status === 'open' ? 'processing' : 'success'}>{t(`campaignStatus.${c.status}` as const)}</Tag>} />
      <Row gutter={[16, 16]}>
        {(['total', 'checked', 'consolidated', 'rebound'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card variant="borderless">
              <Statistic title={t(`lookbackCount.${k}` as const)} value={c.counts[k]} styles={k === 'rebound' && c.counts.rebound ? { content: { color: '#cf1322' } } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card variant="borderless">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'by', label: t('lookback.createdAt'), children: `${formatDateTime(c.createdAt)} ${c.createdBy?.name ?? ''}` },
            { key: 'seed', label: t('lookback.seedUsed'), children: c.sampling.seed ? <Typography.Text code copyable>{c.sampling.seed}</Typography.Text> : '—' },
            ...(c.sampling.strata?.length ? [{ key: 'strata', label: t('lookback.strata'), children: t('lookback.strataCount', { n: c.sampling.strata.length }) }] : []),
          ]}
        />
        <Space wrap className="filter-bar mt-16" data-testid="assign-bar">
          <Typography.Text>{t('lookback.selected', { n: selected.length })}</Typography.Text>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('lookback.chooseChecker')}
            value={checker}
            onChange={setChecker}
            loading={verifiers.isPending}
            options={(verifiers.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.unitName}` }))}
            className="filter-bar__unit"
            data-testid="checker-select"
          />
          <Button type="primary" disabled={!selected.length || !checker} loading={assign.isPending} onClick={() => checker && doAssign(selected, checker)} data-testid="assign-checkers">
            {t('lookback.assign')}
          </Button>
          <Typography.Text type="secondary" className="small">
            {t('lookback.assignHelp')}
          </Typography.Text>
        </Space>
        <Table<LookbackCheck>
          rowKey="id"
          size="middle"
          dataSource={c.checks}
          scroll={{ x: 1330 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="checks-table"
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (k) => ({ disabled: !assignable(k) }) }}
          columns={[
            { title: t('field.problemCode'), dataIndex: 'problemCode', width: 170, render: (code: string, k) => <Link to={`/problems/${k.problemId}`} className="mono">{code}</Link> },
            { title: t('field.title'), dataIndex: 'problemTitle', width: 260, ellipsis: { showTitle: true } },
            { title: t('field.leadUnit'), key: 'lead', width: 140, render: (_, k) => k.leadUnit?.name ?? '—' },
            { title: t('lookback.checker'), key: 'checker', width: 120, render: (_, k) => k.checker?.name ?? <Typography.Text type="warning">{t('lookback.unassigned')}</Typography.Text> },
            { title: t('lookback.result'), key: 'result', width: 100, render: (_, k) => <CheckResultTag result={k.result} /> },
            {
              title: t('lookback.problemNow'),
              key: 'now',
              width: 190,
              render: (_, k) => (
                <Space size={4} wrap>
                  <StatusTag status={k.problemStatus} />
                  {k.rectificationRound > 1 && <Tag color="magenta">{t('problem.roundN', { n: k.rectificationRound })}</Tag>}
                </Space>
              ),
            },
            { title: t('lookback.note'), dataIndex: 'note', width: 220, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, k) =>
                !k.result && (
                  <Button size="small" type="link" onClick={() => navigate(`/lookback/checks/${k.id}`)}>
                    {t('lookback.record')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
