import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ROUND_KINDS } from '../../../../domain/problem/vocabulary';
import { PageHeader } from '../../../components/PageHeader';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useCreateBatch, useCreateRound, useRounds, type Batch, type NewRound, type Round } from '../api';

function RoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewRound>();
  const create = useCreateRound();
  useEffect(() => {
    if (open) {
      create.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  return (
    <Modal open={open} title={t('rounds.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={create.isPending} forceRender>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'central', year: dayjs().year() }}
        onFinish={(v) =>
          create.mutate(
            { ...v, name: v.name.trim() },
            { onSuccess: (r) => (message.success(t('rounds.created', { name: r.name })), onClose()), onError: (e) => applyServerErrors(form, e, ['name', 'kind', 'year']) },
          )
        }
      >
        <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true, whitespace: true, message: t('validate.name') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('rounds.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('rounds.kind')} rules={[{ required: true }]}>
          <Select options={ROUND_KINDS.map((k) => ({ value: k, label: t(`roundKind.${k}` as const) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('field.year')} rules={[{ required: true, type: 'number', min: 2015, max: 2100 }]}>
          <InputNumber min={2015} max={2100} className="full-width" />
        </Form.Item>
        <ServerErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

function BatchModal({ round, onClose }: { round: Round | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: number; name?: string; receivedOn?: Dayjs }>();
  const create = useCreateBatch(round?.id ?? 0);
  useEffect(() => {
    if (!round) return;
    create.reset();
    form.resetFields();
    form.setFieldsValue({ number: Math.max(0, ...round.batches.map((b) => b.number)) + 1, receivedOn: dayjs() });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [round]);
  return (
    <Modal open={!!round} title={t('rounds.addBatchTo', { name: round?.name ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={create.isPending} forceRender>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            { number: v.number, name: v.name?.trim() || undefined, receivedOn: v.receivedOn?.format('YYYY-MM-DD') ?? null },
            { onSuccess: (b) => (message.success(t('rounds.batchCreated', { name: b.name })), onClose()), onError: (e) => applyServerErrors(form, e, ['number', 'name', 'receivedOn']) },
          )
        }
      >
        <Form.Item name="number" label={t('rounds.batchNumber')} rules={[{ required: true, type: 'number', min: 1, max: 999 }]}>
          <InputNumber min={1} max={999} className="full-width" />
        </Form.Item>
        <Form.Item name="name" label={t('rounds.batchName')} extra={t('rounds.batchNameHelp')}>
          <Input maxLength={100} placeholder={t('placeholder.optional')} />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('rounds.receivedOn')}>
          <DatePicker className="full-width" />
        </Form.Item>
        <ServerErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

/** 督察轮次: inspection rounds and the numbered batches (第N批) in which problems were handed down. */
export function RoundsPage() {
  const t = useT();
  const { can } = useSession();
  const manage = can('problem.register');
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  const [batchFor, setBatchFor] = useState<Round | null>(null);
  return (
    <>
      <PageHeader
        title={t('menu.rounds')}
        description={t('rounds.description')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="round-create">
              {t('rounds.create')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        {rounds.isError ? (
          <LoadError error={rounds.error} onRetry={() => void rounds.refetch()} />
        ) : (
          <Table<Round>
            rowKey="id"
            loading={rounds.isFetching}
            dataSource={rounds.data}
            pagination={false}
            data-testid="rounds-table"
            locale={{ emptyText: <Empty description={t('rounds.none')} /> }}
            expandable={{
              rowExpandable: (r) => r.batches.length > 0,
              expandedRowRender: (r) => (
                <Table<Batch>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={r.batches}
                  columns={[
                    { title: t('rounds.batchNumber'), dataIndex: 'number', width: 90 },
                    { title: t('rounds.batchName'), dataIndex: 'name' },
                    { title: t('rounds.receivedOn'), dataIndex: 'receivedOn', width: 130, render: (v: string | null) => v ?? '—' },
                    { title: t('rounds.problems'), key: 'p', width: 120, render: (_, b) => <Link to={`/problems?roundId=${r.id}&batchId=${b.id}`}>{t('rounds.viewProblems')}</Link> },
                  ]}
                />
              ),
            }}
            columns={[
              { title: t('rounds.name'), dataIndex: 'name' },
              { title: t('rounds.kind'), dataIndex: 'kind', width: 160, render: (k: Round['kind']) => <Tag>{t(`roundKind.${k}` as const)}</Tag> },
              { title: t('field.year'), dataIndex: 'year', width: 90 },
              { title: t('rounds.batches'), key: 'b', width: 100, render: (_, r) => r.batches.length },
              { title: t('rounds.problems'), dataIndex: 'problems', width: 110, render: (n: number, r) => <Link to={`/problems?roundId=${r.id}`}>{n}</Link> },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'a',
                      width: 120,
                      render: (_: unknown, r: Round) => (
                        <Button type="link" size="small" onClick={() => setBatchFor(r)}>
                          {t('rounds.addBatch')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <RoundModal open={creating} onClose={() => setCreating(false)} />
      <BatchModal round={batchFor} onClose={() => setBatchFor(null)} />
    </>
  );
}
