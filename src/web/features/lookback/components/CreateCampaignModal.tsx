import { App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES, type ProblemCategory, type ProblemSource } from '../../../../domain/problem/vocabulary';
import { DateRangeField, type DateRange } from '../../../components/DateRangeField';
import { ServerErrorAlert, applyNestedServerErrors } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useCreateCampaign, type CampaignDetail, type CreateCampaignInput } from '../api';

interface Values {
  name: string;
  kind: 'all' | 'stratified';
  percent?: number;
  seed?: string;
  closed?: DateRange | null;
  category?: ProblemCategory;
  source?: ProblemSource;
}

/** 发起回头看: draw closed problems — all of them, or a reproducible sample stratified by lead unit. */
export function CreateCampaignModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CampaignDetail) => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCampaign();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!open) return;
    create.reset();
    form.resetFields();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = (v: Values) => {
    const filter = {
      closedFrom: v.closed?.[0]?.format('YYYY-MM-DD'),
      closedTo: v.closed?.[1]?.format('YYYY-MM-DD'),
      category: v.category,
      source: v.source,
    };
    const hasFilter = Object.values(filter).some(Boolean);
    const body: CreateCampaignInput = {
      name: v.name.trim(),
      sampling: v.kind === 'all' ? { kind: 'all' } : { kind: 'stratified', ratio: (v.percent ?? 20) / 100, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) },
      ...(hasFilter ? { filter } : {}),
    };
    create.mutate(body, {
      onSuccess: (c) => {
        onClose();
        modal.success({
          title: t('lookback.created', { name: c.name }),
          content: (
            <div data-testid="campaign-created">
              <p>{t('lookback.drawn', { drawn: c.sampling.drawn, population: c.sampling.population })}</p>
              {c.sampling.seed && (
                <p>
                  {t('lookback.seedUsed')} <Typography.Text code copyable data-testid="campaign-seed">{c.sampling.seed}</Typography.Text>
                </p>
              )}
            </div>
          ),
          okText: t('common.ok'),
          onOk: () => onCreated(c),
        });
      },
      onError: (e) => applyNestedServerErrors(form, e, ['name']),
    });
  };

  return (
    <Modal open={open} title={t('lookback.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('lookback.createSubmit')} confirmLoading={create.isPending} width={620} forceRender>
      <Typography.Paragraph type="secondary">{t('lookback.createHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'all', percent: 20 }} data-testid="campaign-form">
        <Form.Item name="name" label={t('lookback.name')} rules={[{ required: true, whitespace: true, message: t('validate.name') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('lookback.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('lookback.sampling')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('lookback.samplingAll') },
              { value: 'stratified', label: t('lookback.samplingStratified') },
            ]}
          />
        </Form.Item>
        {kind === 'stratified' && (
          <Row gutter={16}>
            <Col xs={24} sm={10}>
              <Form.Item name="percent" label={t('lookback.ratio')} extra={t('lookback.ratioHelp')} rules={[{ required: true, type: 'number', min: 1, max: 100, message: t('validate.ratio') }]}>
                <InputNumber min={1} max={100} suffix="%" className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="seed" label={t('lookback.seed')} extra={t('lookback.seedHelp')} rules={[{ pattern: /^[\x21-\x7e]{1,64}$/, message: t('validate.seed') }]}>
                <Input maxLength={64} className="mono" placeholder={t('placeholder.optional')} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Typography.Text strong>{t('lookback.filter')}</Typography.Text>
        <Row gutter={16} className="mt-8">
          <Col xs={24}>
            <Form.Item name="closed" label={t('lookback.closedBetween')}>
              <DateRangeField allowEmpty className="full-width" data-testid="campaign-closed-range" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('field.category')}>
              <Select allowClear placeholder={t('ledger.any')} options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}` as const) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('field.problemSource')}>
              <Select allowClear placeholder={t('ledger.any')} options={PROBLEM_SOURCES.map((s) => ({ value: s, label: t(`source.${s}` as const) }))} />
            </Form.Item>
          </Col>
        </Row>
        <ServerErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}
