import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Cascader, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { validateUscc } from '../../../../domain/uscc';
import { DEADLINE_KINDS, FLAG_LEVELS, PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../../../domain/problem/vocabulary';
import { ApiError } from '../../../api/client';
import { ServerErrorAlert, applyNestedServerErrors } from '../../../components/ServerError';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { toTreeSelect } from '../../../lib/tree';
import { useMe } from '../../../session/SessionProvider';
import { usePlans, useRegionOptions, useRounds, useUnitOptions, useUsersWithRole, type CreateProblemInput, type ProblemDetail } from '../api';

export interface FormValues {
  source: CreateProblemInput['source'];
  roundBatch?: number[];
  planId?: number;
  category: CreateProblemInput['category'];
  title: string;
  description: string;
  remarks?: string;
  regionId: number;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  enterpriseMode: 'none' | 'unit' | 'text';
  enterpriseUnitId?: number;
  enterpriseName?: string;
  enterpriseUscc?: string;
  leadUnitId?: number;
  cooperatingUnitIds?: number[];
  leaderUserId?: number;
  responsiblePerson?: string;
  responsiblePhone?: string;
  goal?: string;
  measures?: string;
  closingCriteria: string[];
  milestones: { title: string; dueOn?: Dayjs }[];
  deadlineKind: CreateProblemInput['deadlineKind'];
  deadline?: Dayjs;
  flagged: boolean;
  flagLevel?: NonNullable<CreateProblemInput['flagLevel']>;
  isPublic: boolean;
}

/** The five closing standards of domain.md §4, the default checklist of every new problem. */
export const defaultCriteria = (t: TFunction) => [t('criteria.default1'), t('criteria.default2'), t('criteria.default3'), t('criteria.default4'), t('criteria.default5')];

export function valuesOf(p: ProblemDetail): FormValues {
  return {
    source: p.source,
    roundBatch: p.roundId ? (p.batchId ? [p.roundId, p.batchId] : [p.roundId]) : undefined,
    planId: p.planId ?? undefined,
    category: p.category,
    title: p.title,
    description: p.description,
    remarks: p.remarks ?? '',
    regionId: p.regionId,
    address: p.address ?? '',
    lng: p.lng,
    lat: p.lat,
    enterpriseMode: p.enterpriseUnitId ? 'unit' : p.enterpriseName ? 'text' : 'none',
    enterpriseUnitId: p.enterpriseUnitId ?? undefined,
    enterpriseName: p.enterpriseName ?? '',
    enterpriseUscc: p.enterpriseUscc ?? '',
    leadUnitId: p.leadUnitId ?? undefined,
    cooperatingUnitIds: p.cooperatingUnits.map((u) => u.id),
    leaderUserId: p.leader?.id,
    responsiblePerson: p.responsiblePerson ?? '',
    responsiblePhone: p.responsiblePhone ?? '',
    goal: p.goal ?? '',
    measures: p.measures ?? '',
    closingCriteria: p.closingCriteria,
    milestones: p.milestones.filter((m) => m.round === p.rectificationRound).sort((a, b) => a.seq - b.seq).map((m) => ({ title: m.title, dueOn: dayjs(m.dueOn) })),
    deadlineKind: p.deadlineKind,
    deadline: p.deadlineKind === 'date' && (p.originalDeadline ?? p.deadline) ? dayjs(p.originalDeadline ?? p.deadline) : undefined,
    flagged: p.flagged,
    flagLevel: p.flagLevel ?? undefined,
    isPublic: p.isPublic,
  };
}

const text = (s?: string) => (s?.trim() ? s.trim() : null);

/** The request body from the form (the shape of createProblemBody). */
export function bodyOf(v: FormValues, enterpriseUnits: Map<number, { name: string; uscc: string | null }>): CreateProblemInput {
  const unit = v.enterpriseMode === 'unit' && v.enterpriseUnitId ? enterpriseUnits.get(v.enterpriseUnitId) : undefined;
  return {
    source: v.source,
    roundId: v.roundBatch?.[0] ?? null,
    batchId: v.roundBatch?.[1] ?? null,
    planId: v.planId ?? null,
    category: v.category,
    title: v.title.trim(),
    description: v.description.trim(),
    regionId: v.regionId,
    address: text(v.address),
    lng: v.lng ?? null,
    lat: v.lat ?? null,
    enterpriseUnitId: v.enterpriseMode === 'unit' ? (v.enterpriseUnitId ?? null) : null,
    enterpriseName: v.enterpriseMode === 'unit' ? (unit?.name ?? null) : v.enterpriseMode === 'text' ? text(v.enterpriseName) : null,
    enterpriseUscc: v.enterpriseMode === 'unit' ? (unit?.uscc ?? null) : v.enterpriseMode === 'text' ? text(v.enterpriseUscc)?.toUpperCase() ?? null : null,
    leadUnitId: v.leadUnitId ?? null,
    cooperatingUnitIds: v.cooperatingUnitIds ?? [],
    leaderUserId: v.leaderUserId ?? null,
    responsiblePerson: text(v.responsiblePerson),
    responsiblePhone: text(v.responsiblePhone),
    goal: text(v.goal),
    measures: text(v.measures),
    closingCriteria: (v.closingCriteria ?? []).map((c) => c.trim()).filter(Boolean),
    milestones: (v.milestones ?? []).filter((m) => m.title?.trim() && m.dueOn).map((m) => ({ title: m.title.trim(), dueOn: m.dueOn!.format('YYYY-MM-DD') })),
    deadlineKind: v.deadlineKind,
    deadline: v.deadlineKind === 'date' ? (v.deadline?.format('YYYY-MM-DD') ?? null) : null,
    flagged: v.flagged,
    flagLevel: v.flagged ? (v.flagLevel ?? null) : null,
    isPublic: v.isPublic,
    remarks: text(v.remarks),
  };
}

/** Where the server's refusals without a field path belong. */
const CODE_FIELDS: Record<string, string> = {
  USCC_INVALID: 'enterpriseUscc',
  UNIT_NOT_ENTERPRISE: 'enterpriseUnitId',
  LEAD_ALSO_COOPERATING: 'cooperatingUnitIds',
  USER_NOT_LEADER: 'leaderUserId',
  PROBLEM_NEEDS_DEADLINE: 'deadline',
  PROBLEM_NEEDS_LEAD_UNIT: 'leadUnitId',
};
/** Body fields that are a different form field. */
const RENAMED: Record<string, string> = { roundId: 'roundBatch', batchId: 'roundBatch' };
const FORM_FIELDS = ['source', 'roundBatch', 'planId', 'category', 'title', 'description', 'remarks', 'regionId', 'address', 'lng', 'lat', 'enterpriseUnitId', 'enterpriseName', 'enterpriseUscc', 'leadUnitId', 'cooperatingUnitIds', 'leaderUserId', 'responsiblePerson', 'responsiblePhone', 'goal', 'measures', 'closingCriteria', 'milestones', 'deadlineKind', 'deadline', 'flagged', 'flagLevel', 'isPublic'];

/**
 * Put a server refusal on its field: validation details by path, known codes by their field. Returns true when the
 * message found a field (the banner then only repeats it, but stays: the clerk sees why nothing was saved).
 */
export function placeServerError(form: ReturnType<typeof Form.useForm<FormValues>>[0], error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.details?.length) {
    const renamed = new ApiError(error.code, error.message, error.status, error.details.map((d) => ({ ...d, path: d.path.replace(/^body\.(roundId|batchId)/, (_, f: string) => `body.${RENAMED[f]}`) })));
    return applyNestedServerErrors(form, renamed, FORM_FIELDS);
  }
  const field = CODE_FIELDS[error.code];
  if (!field) return false;
  form.setFields([{ name: field as keyof FormValues, errors: [error.message] }]);
  form.scrollToField(field as keyof FormValues);
  return true;
}

interface Props {
  form: ReturnType<typeof Form.useForm<FormValues>>[0];
  initial: FormValues;
  onSubmit: (values: FormValues) => void;
  submitting: boolean;
  error: unknown;
  submitLabel: string;
  onCancel: () => void;
  /** Editing: some milestones are already done (re-saving them clears that). */
  milestonesDone?: number;
}

/** 登记/编辑问题: every field of a problem (domain §3), grouped as a clerk fills a ledger row. */
export function ProblemForm({ form, initial, onSubmit, submitting, error, submitLabel, onCancel, milestonesDone = 0 }: Props) {
  const t = useT();
  const me = useMe();
  const units = useUnitOptions();
  const regions = useRegionOptions();
  const rounds = useRounds();
  const plans = usePlans();
  const leaders = useUsersWithRole('leader');
  const unitTree = useMemo(() => toTreeSelect(units.data ?? [], (u) => !u.enabled), [units.data]);
  const regionTree = useMemo(() => toTreeSelect(regions.data ?? []), [regions.data]);
  const enterprises = useMemo(() => (units.data ?? []).filter((u) => u.kind === 'enterprise' && u.enabled), [units.data]);
  const roundOptions = useMemo(
    () => (rounds.data ?? []).map((r) => ({ value: r.id, label: r.name, children: r.batches.map((b) => ({ value: b.id, label: b.name || t('rounds.batchN', { n: b.number }) })) })),
    [rounds.data, t],
  );
  const deadlineKind = Form.useWatch('deadlineKind', form);
  const flagged = Form.useWatch('flagged', form);
  const enterpriseMode = Form.useWatch('enterpriseMode', form);
  const req = (key: Parameters<TFunction>[0]) => [{ required: true, whitespace: true, message: t(key) }];
  const sel = (key: Parameters<TFunction>[0]) => [{ required: true, message: t(key) }];
  const options = <K extends string>(values: readonly K[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as 'warning.red') }));

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onSubmit}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
      requiredMark
      className="problem-form"
      data-testid="problem-form"
      // A long form is saved with its button, not by an Enter pressed in a field (which confirms a typed date).
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
      }}
    >
      <Space orientation="vertical" size={16} className="full-width">
        <Card title={t('form.sectionSource')} variant="borderless">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="source" label={t('field.problemSource')} rules={sel('validate.source')}>
                <Select options={options(PROBLEM_SOURCES, 'source')} placeholder={t('placeholder.choose')} showSearch optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="roundBatch" label={t('field.roundBatch')} extra={t('form.roundHelp')}>
                <Cascader options={roundOptions} changeOnSelect allowClear placeholder={t('placeholder.optional')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="planId" label={t('field.plan')}>
                <Select allowClear options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))} placeholder={t('placeholder.optional')} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('field.category')} rules={sel('validate.category')}>
                <Select options={options(PROBLEM_CATEGORIES, 'category')} placeholder={t('placeholder.choose')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('field.title')} rules={[...req('validate.title'), { max: 200 }]}>
                <Input maxLength={200} showCount placeholder={t('placeholder.title')} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="description" label={t('field.description')} rules={[...req('validate.description'), { max: 5000 }]}>
                <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('placeholder.description')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sectionPlace')} variant="borderless">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="regionId" label={t('field.region')} rules={sel('validate.region')}>
                <TreeSelect treeData={regionTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll loading={regions.isPending} placeholder={t('placeholder.choose')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label={t('field.address')} rules={[{ max: 300 }]}>
                <Input maxLength={300} placeholder={t('placeholder.address')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="lng" label={t('field.lng')} rules={[{ type: 'number', min: 73, max: 136, message: t('validate.lng') }]}>
                <InputNumber className="full-width" step={0.000001} placeholder="120.123456" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="lat" label={t('field.lat')} rules={[{ type: 'number', min: 3, max: 54, message: t('validate.lat') }]}>
                <InputNumber className="full-width" step={0.000001} placeholder="30.123456" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="enterpriseMode" label={t('field.enterprise')}>
            <Radio.Group
              options={[
                { value: 'none', label: t('form.enterpriseNone') },
                { value: 'unit', label: t('form.enterpriseUnit') },
                { value: 'text', label: t('form.enterpriseText') },
              ]}
            />
          </Form.Item>
          {enterpriseMode === 'unit' && (
            <Form.Item name="enterpriseUnitId" label={t('form.enterpriseChoose')} rules={sel('validate.enterprise')} extra={enterprises.length ? undefined : t('form.noEnterprises')}>
              <Select
                showSearch
                optionFilterProp="label"
                options={enterprises.map((u) => ({ value: u.id, label: u.uscc ? `${u.name}（${u.uscc}）` : u.name }))}
                placeholder={t('placeholder.choose')}
              />
            </Form.Item>
          )}
          {enterpriseMode === 'text' && (
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item name="enterpriseName" label={t('form.enterpriseName')} rules={[...req('validate.enterpriseName'), { max: 200 }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="enterpriseUscc"
                  label={t('field.uscc')}
                  normalize={(v: string) => v?.toUpperCase()}
                  rules={[
                    {
                      validator: (_, v?: string) => {
                        if (!v?.trim()) return Promise.resolve();
                        const r = validateUscc(v);
                        return r.ok ? Promise.resolve() : Promise.reject(new Error(t('validate.uscc')));
                      },
                    },
                  ]}
                >
                  <Input maxLength={18} className="mono" placeholder={t('placeholder.usccOptional')} />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Card>

        <Card title={t('form.sectionResponsibility')} variant="borderless">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="leadUnitId" label={t('field.leadUnit')} rules={sel('validate.leadUnit')} extra={t('form.leadHelp')}>
                <TreeSelect treeData={unitTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll loading={units.isPending} placeholder={t('placeholder.choose')} data-testid="lead-unit-select" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="cooperatingUnitIds"
                label={t('field.cooperatingUnits')}
                dependencies={['leadUnitId']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v?: number[]) => (v?.includes(getFieldValue('leadUnitId') as number) ? Promise.reject(new Error(t('validate.leadNotCooperating'))) : Promise.resolve()),
                  }),
                ]}
              >
                <TreeSelect treeData={unitTree} multiple showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('placeholder.optional')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="leaderUserId" label={t('field.leader')}>
                <Select allowClear showSearch optionFilterProp="label" options={(leaders.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.unitName}` }))} placeholder={t('placeholder.optional')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="responsiblePerson" label={t('field.responsiblePerson')} rules={[{ max: 60 }]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="responsiblePhone" label={t('field.responsiblePhone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('validate.phone') }]}>
                <Input placeholder={t('placeholder.phone')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sectionRectification')} variant="borderless">
          <Form.Item name="goal" label={t('field.goal')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('placeholder.goal')} />
          </Form.Item>
          <Form.Item name="measures" label={t('field.measures')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} placeholder={t('placeholder.measures')} />
          </Form.Item>
          <Typography.Text strong>{t('field.closingCriteria')}</Typography.Text>
          <Typography.Paragraph type="secondary" className="small">
            {t('form.criteriaHelp')}
          </Typography.Paragraph>
          <Form.List
            name="closingCriteria"
            rules={[{ validator: async (_, list?: string[]) => (list && list.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('validate.criteria')))) }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div data-testid="criteria-list">
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <span className="list-index">{i + 1}.</span>
                    <Form.Item name={field.name} className="flex-1" rules={[...req('validate.criterion'), { max: 500 }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('form.removeCriterion', { n: i + 1 })} />
                  </Flex>
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 30} data-testid="criteria-add">
                    {t('form.addCriterion')}
                  </Button>
                  <Button type="link" onClick={() => form.setFieldValue('closingCriteria', defaultCriteria(t))}>
                    {t('form.defaultCriteria')}
                  </Button>
                </Space>
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>

          <Typography.Title level={5} className="mt-16">
            {t('field.milestones')}
          </Typography.Title>
          {milestonesDone > 0 && <Alert type="warning" showIcon className="mb-16" title={t('form.milestonesDoneWarning', { n: milestonesDone })} />}
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <div data-testid="milestone-list">
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="flex-start" wrap className="milestone-row">
                    <span className="list-index">{i + 1}.</span>
                    <Form.Item name={[field.name, 'title']} className="flex-1 milestone-row__title" rules={[...req('validate.milestoneTitle'), { max: 200 }]}>
                      <Input maxLength={200} placeholder={t('placeholder.milestone')} aria-label={t('field.milestone')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={sel('validate.date')}>
                      <DatePicker placeholder={t('field.dueOn')} aria-label={t('field.dueOn')} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('form.removeMilestone', { n: i + 1 })} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })} disabled={fields.length >= 30} data-testid="milestone-add">
                  {t('form.addMilestone')}
                </Button>
              </div>
            )}
          </Form.List>
        </Card>

        <Card title={t('form.sectionDeadline')} variant="borderless">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="deadlineKind" label={t('field.deadlineKind')} rules={sel('validate.choose')} extra={t(`deadlineKindHelp.${deadlineKind ?? 'date'}` as const)}>
                <Radio.Group optionType="button" buttonStyle="solid" options={options(DEADLINE_KINDS, 'deadlineKind')} />
              </Form.Item>
            </Col>
            {deadlineKind === 'date' && (
              <Col xs={24} md={12}>
                <Form.Item name="deadline" label={t('field.deadline')} rules={sel('validate.deadline')}>
                  <DatePicker className="full-width" data-testid="deadline-picker" />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="flagged" label={t('field.flagged')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            {flagged && (
              <Col xs={12} md={6}>
                <Form.Item name="flagLevel" label={t('field.flagLevel')} rules={sel('validate.choose')}>
                  <Select options={options(FLAG_LEVELS, 'flagLevel')} placeholder={t('placeholder.choose')} />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={6}>
              <Form.Item name="isPublic" label={t('field.isPublic')} valuePropName="checked" extra={t('form.publicHelp')}>
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="remarks" label={t('field.remarks')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Card>

        <div className="form-footer">
          <ServerErrorAlert error={error} />
          <Space>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={submitting} data-testid="problem-submit">
              {submitLabel}
            </Button>
          </Space>
          <Typography.Text type="secondary" className="small">
            {t('form.registeredBy', { name: me.displayName, unit: me.unit.name })}
          </Typography.Text>
        </div>
      </Space>
    </Form>
  );
}
