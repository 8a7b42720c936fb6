import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Result, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { StatusTag } from '../../../components/problem';
import { ServerErrorAlert, applyNestedServerErrors } from '../../../components/ServerError';
import { LoadError, PageLoading } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { useEvidence } from '../../evidence/api';
import { EvidencePicker } from '../../evidence/components/EvidencePicker';
import { EvidenceRefs } from '../../evidence/components/EvidenceThumb';
import { useCheck, useRecordCheck, type RecordCheckInput } from '../api';
import { CheckResultTag } from '../components/labels';

interface Values {
  result: RecordCheckInput['result'];
  note: string;
  evidenceIds: number[];
}

/**
 * 回头看核查: the checker revisits a closed problem and records 巩固 or 反弹 with what they found and photos. A rebound
 * reopens the problem in a new round of rectification; the page says so and leads there.
 */
export function CheckPage() {
  const t = useT();
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const check = useCheck(id);
  const record = useRecordCheck(id);
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);
  const problemId = check.data?.problemId ?? 0;
  const evidence = useEvidence(problemId, problemId > 0);
  const byId = new Map((evidence.data ?? []).map((e) => [e.id, e]));

  if (check.isPending) return <PageLoading />;
  if (check.isError) return <LoadError error={check.error} onRetry={() => void check.refetch()} />;
  const k = check.data;
  const submit = (v: Values) =>
    record.mutate(
      { result: v.result, note: v.note, evidenceIds: v.evidenceIds ?? [] },
      {
        onSuccess: (r) => message.success(r.result === 'rebound' ? t('lookback.recordedRebound', { code: r.problemCode }) : t('lookback.recordedConsolidated', { code: r.problemCode })),
        onError: (e) => applyNestedServerErrors(form, e, ['result', 'note', 'evidenceIds']),
      },
    );

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="check-page">
      <Link to="/lookback">
        <Button type="link" icon={<ArrowLeftOutlined />} className="back-link">
          {t('lookback.back')}
        </Button>
      </Link>
      <PageHeader title={t('lookback.checkTitle', { code: k.problemCode })} description={t('lookback.checkDescription')} />
      <Card variant="borderless">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'campaign', label: t('lookback.campaign'), children: k.campaignName },
            { key: 'problem', label: t('field.title'), children: <Link to={`/problems/${k.problemId}`}>{k.problemTitle}</Link> },
            { key: 'lead', label: t('field.leadUnit'), children: k.leadUnit?.name ?? '—' },
            { key: 'checker', label: t('lookback.checker'), children: k.checker?.name ?? '—' },
            {
              key: 'status',
              label: t('lookback.problemNow'),
              children: (
                <Space size={4}>
                  <StatusTag status={k.problemStatus} />
                  {k.rectificationRound > 1 && t('problem.roundN', { n: k.rectificationRound })}
                </Space>
              ),
            },
            { key: 'result', label: t('lookback.result'), children: <CheckResultTag result={k.result} /> },
          ]}
        />
      </Card>
      {k.result ? (
        <Card variant="borderless" data-testid="check-done">
          <Result
            status={k.result === 'rebound' ? 'warning' : 'success'}
            title={k.result === 'rebound' ? t('lookback.reboundTitle') : t('lookback.consolidatedTitle')}
            subTitle={k.result === 'rebound' ? t('lookback.reboundReopened', { n: k.rectificationRound }) : t('lookback.consolidatedHint')}
            extra={
              <Link to={`/problems/${k.problemId}`}>
                <Button type="primary">{t('lookback.openProblem')}</Button>
              </Link>
            }
          />
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'note', label: t('lookback.note'), children: <div className="multiline">{k.note}</div> },
              { key: 'at', label: t('lookback.checkedAt'), children: formatDateTime(k.checkedAt) },
              { key: 'ev', label: t('field.evidence'), children: <EvidenceRefs ids={k.evidenceIds} byId={byId} /> },
            ]}
          />
        </Card>
      ) : (
        <Card title={t('lookback.recordTitle')} variant="borderless">
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ evidenceIds: [] }} data-testid="check-form">
            <Form.Item name="result" label={t('lookback.result')} rules={[{ required: true, message: t('validate.choose') }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'consolidated', label: t('lookbackResult.consolidated') },
                  { value: 'rebound', label: t('lookbackResult.rebound') },
                ]}
              />
            </Form.Item>
            {result === 'rebound' && <Alert type="warning" showIcon className="mb-16" title={t('lookback.reboundWarning', { n: k.rectificationRound + 1 })} />}
            <Form.Item name="note" label={t('lookback.note')} rules={[{ required: true, whitespace: true, message: t('validate.required') }, { max: 1000 }]}>
              <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('lookback.notePlaceholder')} />
            </Form.Item>
            <Form.Item name="evidenceIds" label={t('field.evidence')} extra={t('lookback.evidenceHelp')}>
              <EvidencePicker problemId={k.problemId} round={k.rectificationRound} purposes={['lookback']} testId="lookback-evidence" />
            </Form.Item>
            <ServerErrorAlert error={record.error} />
            <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="check-submit">
              {t('lookback.recordSubmit')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
