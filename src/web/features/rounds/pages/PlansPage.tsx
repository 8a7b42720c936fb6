import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { PLAN_KINDS } from '../../../../domain/problem/vocabulary';
import { PageHeader } from '../../../components/PageHeader';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useCreatePlan, usePlans, type Plan } from '../api';

interface PlanValues {
  name: string;
  kind: Plan['kind'];
  parentId?: number;
  targets: { year: number; count: number }[];
}

function PlanModal({ open, plans, onClose }: { open: boolean; plans: Plan[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const create = useCreatePlan();
  useEffect(() => {
    if (open) {
      create.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const submit = (v: PlanValues) =>
    create.mutate(
      { name: v.name.trim(), kind: v.kind, parentId: v.parentId ?? null, yearlyTargets: Object.fromEntries((v.targets ?? []).filter((x) => x?.year && x.count != null).map((x) => [String(x.year), x.count])) },
      { onSuccess: (p) => (message.success(t('plans.created', { name: p.name })), onClose()), onError: (e) => applyServerErrors(form, e, ['name', 'kind', 'parentId']) },
    );
  return (
    <Modal open={open} title={t('plans.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={create.isPending} width={600} forceRender>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'task_list', targets: [{ year: dayjs().year(), count: 0 }] }}>
        <Form.Item name="name" label={t('plans.name')} rules={[{ required: true, whitespace: true, message: t('validate.name') }, { max: 200 }]}>
          <Input maxLength={200} placeholder={t('plans.namePlaceholder')} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="kind" label={t('plans.kind')} rules={[{ required: true }]} className="flex-1">
            <Select options={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKind.${k}` as const) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('plans.parent')} className="flex-1">
            <Select allowClear options={plans.map((p) => ({ value: p.id, label: p.name }))} placeholder={t('placeholder.optional')} popupMatchSelectWidth={false} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('plans.targets')}</Typography.Text>
        <Typography.Paragraph type="secondary" className="small">
          {t('plans.targetsHelp')}
        </Typography.Paragraph>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'year']} rules={[{ required: true, type: 'number', min: 2015, max: 2100, message: t('validate.year') }]}>
                    <InputNumber min={2015} max={2100} placeholder={t('field.year')} aria-label={t('field.year')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'count']} rules={[{ required: true, type: 'number', min: 0, message: t('validate.count') }]}>
                    <InputNumber min={0} max={100000} placeholder={t('plans.targetCount')} aria-label={t('plans.targetCount')} suffix={t('plans.unitItems')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ year: dayjs().year() + fields.length, count: 0 })}>
                {t('plans.addYear')}
              </Button>
            </>
          )}
        </Form.List>
        <ServerErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

/** Yearly targets against problems closed that year (按序时): one bar per year. */
function TargetBars({ plan }: { plan: Plan }) {
  const t = useT();
  const years = [...new Set([...Object.keys(plan.yearlyTargets), ...Object.keys(plan.closedByYear)])].sort();
  if (!years.length) return <Typography.Text type="secondary">{t('plans.noTargets')}</Typography.Text>;
  const thisYear = String(dayjs().year());
  return (
    <div className="target-bars">
      {years.map((y) => {
        const target = plan.yearlyTargets[y] ?? 0;
        const closed = plan.closedByYear[y] ?? 0;
        const behind = target > 0 && closed < target && y < thisYear;
        return (
          <div key={y} className="target-bar">
            <span className="mono target-bar__year">{y}</span>
            <Progress percent={target ? Math.round((closed / target) * 100) : closed ? 100 : 0} size="small" status={behind ? 'exception' : closed >= target && target > 0 ? 'success' : 'active'} className="target-bar__progress" />
            <span className="target-bar__text">{t('plans.closedOfTarget', { closed, target })}</span>
          </div>
        );
      })}
    </div>
  );
}

/** 整改方案: the overall plan, task lists and special plans with their yearly targets and what was closed. */
export function PlansPage() {
  const t = useT();
  const { can } = useSession();
  const plans = usePlans();
  const [creating, setCreating] = useState(false);
  const byId = new Map((plans.data ?? []).map((p) => [p.id, p]));
  return (
    <>
      <PageHeader
        title={t('menu.plans')}
        description={t('plans.description')}
        extra={
          can('problem.register') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-create">
              {t('plans.create')}
            </Button>
          )
        }
      />
      <Card variant="borderless">
        {plans.isError ? (
          <LoadError error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <Table<Plan>
            rowKey="id"
            loading={plans.isFetching}
            dataSource={plans.data}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="plans-table"
            locale={{ emptyText: <Empty description={t('plans.none')} /> }}
            columns={[
              {
                title: t('plans.name'),
                dataIndex: 'name',
                render: (name: string, p) => (
                  <>
                    <div>{name}</div>
                    {p.parentId && byId.get(p.parentId) && (
                      <Typography.Text type="secondary" className="small">
                        {t('plans.under', { name: byId.get(p.parentId)!.name })}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              { title: t('plans.kind'), dataIndex: 'kind', width: 110, render: (k: Plan['kind']) => <Tag>{t(`planKind.${k}` as const)}</Tag> },
              { title: t('plans.problems'), dataIndex: 'problems', width: 100, render: (n: number, p) => <Link to={`/problems?planId=${p.id}`}>{n}</Link> },
              { title: t('plans.targetsVsClosed'), key: 'targets', width: 380, render: (_, p) => <TargetBars plan={p} /> },
            ]}
          />
        )}
      </Card>
      <PlanModal open={creating} plans={plans.data ?? []} onClose={() => setCreating(false)} />
    </>
  );
}
