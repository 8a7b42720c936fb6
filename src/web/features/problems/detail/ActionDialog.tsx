import { App, Alert, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { ServerErrorAlert, applyNestedServerErrors } from '../../../components/ServerError';
import { useT, type TFunction } from '../../../i18n/I18nProvider';
import { useMe } from '../../../session/SessionProvider';
import { EvidencePicker } from '../../evidence/components/EvidencePicker';
import { useProblemAction, useUsersWithRole, type BodyAction, type ProblemDetail } from '../api';
import { nothingPending } from './pending';
import { periodText } from './period';

/** Which report, extension or objection an action is about, when opened from its row. */
export interface ActionPreset {
  reportId?: number;
  extensionId?: number;
  objectionId?: number;
}

interface Props {
  problem: ProblemDetail;
  action: BodyAction | null;
  preset?: ActionPreset;
  onClose: () => void;
}

/** Steps that cannot be undone: asked twice. */
const IRREVERSIBLE: BodyAction[] = ['archive', 'file', 'end_notice'];
const WIDE: BodyAction[] = ['report_progress', 'submit_self_check', 'record_verification'];
const FIELDS = ['note', 'text', 'milestoneIdsDone', 'evidenceIds', 'reportId', 'reason', 'newDeadline', 'extensionId', 'approve', 'items', 'verifierUserId', 'result', 'onSiteRecord', 'reasons', 'content', 'receivedOn', 'objectionId', 'upheld', 'filingNumber', 'filingDate', 'period'];

type Values = Record<string, unknown>;
const day = (v: unknown) => (v ? (v as Dayjs).format('YYYY-MM-DD') : undefined);
const blank = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The request body of each action from the form's values (the shapes of `actionBodies`). */
function bodyOf(action: BodyAction, v: Values, problem: ProblemDetail): unknown {
  switch (action) {
    case 'assign':
    case 'acknowledge':
      return { note: blank(v.note) };
    case 'report_progress':
      return { text: v.text, milestoneIdsDone: v.milestoneIdsDone ?? [], evidenceIds: v.evidenceIds ?? [] };
    case 'return_report':
      return { reportId: v.reportId, reason: v.reason };
    case 'request_extension':
      return { newDeadline: day(v.newDeadline), reason: v.reason };
    case 'decide_extension':
      return { extensionId: v.extensionId, approve: v.approve, note: blank(v.note) };
    case 'submit_self_check':
      return {
        items: problem.closingCriteria.map((criterion, i) => {
          const item = (v.items as { statement?: string; evidenceIds?: number[] }[] | undefined)?.[i];
          return { criterion, statement: item?.statement ?? '', evidenceIds: item?.evidenceIds ?? [] };
        }),
      };
    case 'start_verification':
      return { verifierUserId: v.verifierUserId };
    case 'record_verification':
      return { result: v.result, onSiteRecord: v.onSiteRecord, reasons: blank(v.reasons), evidenceIds: v.evidenceIds ?? [] };
    case 'record_objection':
      return { content: v.content, receivedOn: day(v.receivedOn) };
    case 'decide_objection':
      return { objectionId: v.objectionId, upheld: v.upheld, note: v.note };
    case 'end_notice':
    case 'archive':
      return {};
    case 'file':
      return { filingNumber: v.filingNumber, filingDate: day(v.filingDate) };
    case 'mark_phase_done':
      return { period: v.period, note: blank(v.note) };
    case 'reopen':
      return { reason: v.reason };
  }
}

/** The quarter of the server's day (the browser's clock may be wrong; every rule counts from the server's). */
const PERIOD = /^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;
const currentQuarter = (today: string) => `${dayjs(today).year()}-Q${Math.floor(dayjs(today).month() / 3) + 1}`;

function initialValues(action: BodyAction, problem: ProblemDetail, preset: ActionPreset | undefined, today: string): Values {
  const round = problem.rectificationRound;
  switch (action) {
    case 'return_report': {
      const open = problem.progressReports.filter((r) => r.round === round && r.status === 'submitted');
      return { reportId: preset?.reportId ?? open[open.length - 1]?.id };
    }
    case 'decide_extension':
      return { extensionId: preset?.extensionId ?? problem.extensions.find((e) => e.status === 'pending')?.id, approve: true };
    case 'decide_objection':
      return { objectionId: preset?.objectionId ?? problem.notices.flatMap((n) => n.objections).find((o) => o.decision === 'pending')?.id };
    case 'submit_self_check':
      return { items: problem.closingCriteria.map(() => ({ statement: '', evidenceIds: [] })) };
    case 'record_verification':
      return { result: 'pass', evidenceIds: [] };
    case 'report_progress':
      return { milestoneIdsDone: [], evidenceIds: [] };
    case 'record_objection':
    case 'file':
      return action === 'file' ? { filingDate: dayjs(today) } : { receivedOn: dayjs(today) };
    case 'mark_phase_done':
      return { period: currentQuarter(today) };
    default:
      return {};
  }
}

/** The China date of the current round's archiving: a filing cannot be dated before it. */
const archivedOn = (problem: ProblemDetail, today: string) => {
  const archive = problem.archives.filter((a) => a.round === problem.rectificationRound).at(-1);
  return archive ? dayjs(archive.archivedAt).add(8, 'hour').toISOString().slice(0, 10) : today;
};

const required = (t: TFunction, key: Parameters<TFunction>[0] = 'validate.required') => [{ required: true, whitespace: true, message: t(key) }];

/** The fields of one action's form. */
function ActionFields({ action, problem }: { action: BodyAction; problem: ProblemDetail }) {
  const t = useT();
  const { today } = useMe();
  const round = problem.rectificationRound;
  const verifiers = useUsersWithRole('verifier', action === 'start_verification');
  const result = Form.useWatch('result');
  const reportId = Form.useWatch('reportId') as number | undefined;
  const objectionId = Form.useWatch('objectionId') as number | undefined;
  const upheld = Form.useWatch('upheld') as boolean | undefined;
  const period = Form.useWatch('period') as string | undefined;
  const openNotice = problem.notices.find((n) => n.status === 'open');
  switch (action) {
    case 'assign':
      return (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'lead', label: t('field.leadUnit'), children: problem.leadUnitName ?? '—' },
              { key: 'coop', label: t('field.cooperatingUnits'), children: problem.cooperatingUnits.map((u) => u.name).join('、') || '—' },
              { key: 'criteria', label: t('field.closingCriteria'), children: t('problem.criteriaCount', { n: problem.closingCriteria.length }) },
            ]}
          />
          <Typography.Paragraph type="secondary" className="mt-8">
            {t('actionHelp.assign')}
          </Typography.Paragraph>
          <Form.Item name="note" label={t('field.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('placeholder.optional')} />
          </Form.Item>
        </>
      );
    case 'acknowledge':
      return (
        <>
          <Typography.Paragraph>{t('actionHelp.acknowledge', { due: problem.ackDueOn ?? '—' })}</Typography.Paragraph>
          <Form.Item name="note" label={t('field.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('placeholder.optional')} />
          </Form.Item>
        </>
      );
    case 'report_progress': {
      const open = problem.milestones.filter((m) => m.round === round && !m.doneOn);
      // Reporting again after a return: what was wrong is in front of the person writing the new report.
      const latest = problem.progressReports.filter((r) => r.round === round).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id - a.id)[0];
      return (
        <>
          {latest?.status === 'returned' && (
            <Alert type="warning" showIcon className="mb-16" data-testid="returned-reason" title={t('report.lastReturned', { reason: latest.returnReason ?? '—' })} />
          )}
          <Form.Item name="text" label={t('field.progressText')} rules={required(t)}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('placeholder.progress')} />
          </Form.Item>
          {open.length > 0 && (
            <Form.Item name="milestoneIdsDone" label={t('field.milestonesDone')} extra={t('actionHelp.milestonesDone')}>
              <Checkbox.Group className="milestone-checks" options={open.map((m) => ({ value: m.id, label: `${m.title}（${t('problem.dueOn', { date: m.dueOn })}）` }))} />
            </Form.Item>
          )}
          <Form.Item name="evidenceIds" label={t('field.evidence')} extra={t('actionHelp.progressEvidence')}>
            <EvidencePicker problemId={problem.id} round={round} purposes={['progress', 'other']} allowPairs testId="progress-evidence" />
          </Form.Item>
        </>
      );
    }
    case 'return_report': {
      const open = problem.progressReports.filter((r) => r.round === round && r.status === 'submitted');
      const chosen = open.find((r) => r.id === reportId);
      return (
        <>
          <Form.Item name="reportId" label={t('field.report')} rules={[{ required: true, message: t('validate.choose') }]}>
            <Select options={open.map((r) => ({ value: r.id, label: `${dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm')} · ${r.submittedBy?.name ?? ''} · ${r.text.slice(0, 40)}` }))} />
          </Form.Item>
          {/* The whole report being returned, not only the start of it in the choice above. */}
          {chosen && (
            <div className="quoted-text multiline" data-testid="returned-report-text">
              {chosen.text}
            </div>
          )}
          <Form.Item name="reason" label={t('field.returnReason')} rules={required(t)}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('placeholder.returnReason')} />
          </Form.Item>
        </>
      );
    }
    case 'request_extension':
      return (
        <>
          <Typography.Paragraph>{t('actionHelp.requestExtension', { deadline: problem.deadline ?? '—' })}</Typography.Paragraph>
          <Form.Item name="newDeadline" label={t('field.newDeadline')} rules={[{ required: true, message: t('validate.date') }]}>
            <DatePicker className="full-width" disabledDate={(d) => !!problem.deadline && d.format('YYYY-MM-DD') <= problem.deadline} />
          </Form.Item>
          <Form.Item name="reason" label={t('field.extensionReason')} rules={required(t)}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      );
    case 'decide_extension': {
      const pending = problem.extensions.filter((e) => e.status === 'pending');
      return (
        <>
          <Form.Item name="extensionId" label={t('field.extension')} rules={[{ required: true, message: t('validate.choose') }]}>
            <Select options={pending.map((e) => ({ value: e.id, label: t('extension.summary', { from: e.currentDeadline ?? '—', to: e.newDeadline, who: e.requestedBy?.name ?? '' }) }))} />
          </Form.Item>
          {pending.map((e) => (
            <Alert key={e.id} type="info" className="mb-16" title={t('extension.reasonLine', { reason: e.reason })} />
          ))}
          <Form.Item name="approve" label={t('field.decision')} rules={[{ required: true }]}>
            <Radio.Group options={[{ value: true, label: t('extension.approve') }, { value: false, label: t('extension.refuse') }]} />
          </Form.Item>
          <Form.Item name="note" label={t('field.decisionNote')}>
            <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('placeholder.optional')} />
          </Form.Item>
        </>
      );
    }
    case 'submit_self_check':
      return (
        <>
          <Alert type="info" showIcon className="mb-16" title={t('actionHelp.selfCheck')} />
          {problem.closingCriteria.map((criterion, i) => (
            <div key={i} className="self-check-item" data-testid="self-check-item">
              <Typography.Text strong>
                {i + 1}. {criterion}
              </Typography.Text>
              <Form.Item name={['items', i, 'statement']} label={t('field.selfCheckStatement')} rules={required(t)} className="mt-8">
                <Input.TextArea rows={2} maxLength={2000} placeholder={t('placeholder.selfCheckStatement')} />
              </Form.Item>
              <Form.Item name={['items', i, 'evidenceIds']} label={t('field.evidence')}>
                <EvidencePicker problemId={problem.id} round={round} purposes={['self_check', 'progress', 'other']} testId={`self-check-evidence-${i}`} />
              </Form.Item>
            </div>
          ))}
          <Form.Item name="sign" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('validate.sign')))) }]}>
            <Checkbox data-testid="self-check-sign">{t('selfCheck.signStatement')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'start_verification':
      return (
        <>
          <Typography.Paragraph>{t('actionHelp.startVerification')}</Typography.Paragraph>
          <Form.Item name="verifierUserId" label={t('field.verifier')} rules={[{ required: true, message: t('validate.choose') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={verifiers.isPending}
              placeholder={t('placeholder.choose')}
              data-testid="verifier-select"
              options={(verifiers.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} · ${u.unitName}` }))}
            />
          </Form.Item>
        </>
      );
    case 'record_verification':
      return (
        <>
          <Form.Item name="result" label={t('field.verificationResult')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'pass', label: t('verification.pass') },
                { value: 'fail', label: t('verification.fail') },
              ]}
            />
          </Form.Item>
          <Form.Item name="onSiteRecord" label={t('field.onSiteRecord')} rules={required(t)}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('placeholder.onSiteRecord')} />
          </Form.Item>
          {result === 'fail' && (
            <Form.Item name="reasons" label={t('field.failReasons')} rules={required(t)}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          )}
          <Form.Item
            name="evidenceIds"
            required
            label={t('field.verificationPhotos')}
            extra={t('actionHelp.verificationPhotos')}
            rules={[{ validator: (_, v: number[] | undefined) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('validate.photo')))) }]}
          >
            <EvidencePicker problemId={problem.id} round={round} purposes={['verification']} photosOnly testId="verification-evidence" />
          </Form.Item>
        </>
      );
    case 'record_objection':
      return (
        <>
          {openNotice && <Typography.Paragraph type="secondary">{t('objection.noticeLine', { starts: openNotice.startsOn, ends: openNotice.endsOn })}</Typography.Paragraph>}
          <Form.Item name="content" label={t('field.objectionContent')} rules={required(t)}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('field.receivedOn')} rules={[{ required: true, message: t('validate.date') }]}>
            {/* Received during the notice: not before it started, not in the future. */}
            <DatePicker className="full-width" disabledDate={(d) => d.format('YYYY-MM-DD') > today || (!!openNotice && d.format('YYYY-MM-DD') < openNotice.startsOn)} />
          </Form.Item>
        </>
      );
    case 'decide_objection': {
      const pending = problem.notices.flatMap((n) => n.objections).filter((o) => o.decision === 'pending');
      const chosen = pending.find((o) => o.id === objectionId);
      return (
        <>
          <Form.Item name="objectionId" label={t('field.objection')} rules={[{ required: true, message: t('validate.choose') }]}>
            <Select options={pending.map((o) => ({ value: o.id, label: `${o.receivedOn} · ${o.content.slice(0, 50)}` }))} />
          </Form.Item>
          {/* The whole objection being decided, not only the start of it in the choice above. */}
          {chosen && (
            <div className="quoted-text multiline" data-testid="objection-text">
              {chosen.content}
            </div>
          )}
          <Form.Item name="upheld" label={t('field.objectionDecision')} rules={[{ required: true, message: t('validate.choose') }]}>
            <Radio.Group options={[{ value: true, label: t('objection.uphold') }, { value: false, label: t('objection.dismiss') }]} />
          </Form.Item>
          {upheld !== undefined && (
            <Alert
              type={upheld ? 'warning' : 'info'}
              showIcon
              className="mb-16"
              data-testid="objection-effect"
              title={upheld ? t('objection.upheldEffect', { verifier: problem.verifier?.name ?? '—' }) : t('objection.dismissedEffect', { ends: openNotice?.endsOn ?? '—' })}
            />
          )}
          <Form.Item name="note" label={t('field.objectionNote')} rules={required(t)}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('placeholder.objectionNote')} />
          </Form.Item>
        </>
      );
    }
    case 'end_notice': {
      const notice = problem.notices.find((n) => n.status === 'open');
      return <Alert type="warning" showIcon title={t('actionHelp.endNotice', { starts: notice?.startsOn ?? '—', ends: notice?.endsOn ?? '—' })} />;
    }
    case 'archive':
      return <Alert type="warning" showIcon title={t('actionHelp.archive')} />;
    case 'file':
      return (
        <>
          <Alert type="warning" showIcon className="mb-16" title={t('actionHelp.file')} />
          <Form.Item name="filingNumber" label={t('field.filingNumber')} rules={required(t)}>
            <Input maxLength={100} placeholder={t('placeholder.filingNumber')} />
          </Form.Item>
          <Form.Item name="filingDate" label={t('field.filingDate')} rules={[{ required: true, message: t('validate.date') }]}>
            <DatePicker className="full-width" disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < archivedOn(problem, today)} />
          </Form.Item>
        </>
      );
    case 'mark_phase_done':
      return (
        <>
          <Typography.Paragraph>{t('actionHelp.phaseDone')}</Typography.Paragraph>
          <Form.Item
            name="period"
            label={t('field.period')}
            // A valid period is read back as people say it (2026-Q4 → 2026 年第四季度); otherwise the accepted forms.
            extra={period && PERIOD.test(period) ? <span data-testid="period-text">{periodText(t, period)}</span> : t('phase.periodHelp')}
            rules={[{ required: true, pattern: PERIOD, message: t('validate.period') }]}
          >
            <Input maxLength={7} className="mono" placeholder="2026-Q4" />
          </Form.Item>
          <Form.Item name="note" label={t('field.note')}>
            <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('placeholder.optional')} />
          </Form.Item>
        </>
      );
    case 'reopen':
      return (
        <>
          <Alert type="warning" showIcon className="mb-16" title={t('actionHelp.reopen', { n: problem.rectificationRound + 1 })} />
          <Form.Item name="reason" label={t('field.reopenReason')} rules={required(t)}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </>
      );
  }
}

/** The dialog of one step of the loop: its form, the server's refusal shown inside, the updated problem on success. */
export function ActionDialog({ problem, action, preset, onClose }: Props) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useProblemAction(problem.id);
  const { today } = useMe();
  const initial = useMemo(() => (action ? initialValues(action, problem, preset, today) : {}), [action, preset, problem, today]);

  useEffect(() => {
    if (!action) return;
    mutation.reset();
    form.resetFields();
    form.setFieldsValue(initial);
    // Only when the dialog opens: later refreshes of the problem must not wipe what the user typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action, preset]);

  if (!action) return null;
  const label = t(`loopAction.${action}` as const);
  const idle = nothingPending(action, problem);

  const send = (values: Values) =>
    mutation.mutate(
      { action, body: bodyOf(action, values, problem) },
      {
        onSuccess: () => {
          message.success(t('action.done', { action: label }));
          onClose();
        },
        onError: (e) => applyNestedServerErrors(form, e, FIELDS),
      },
    );
  const submit = (values: Values) => {
    if (!IRREVERSIBLE.includes(action)) return send(values);
    modal.confirm({
      title: t('action.confirmTitle', { action: label }),
      content: t(`confirm.${action as 'archive' | 'file' | 'end_notice'}` as const),
      okText: label,
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  return (
    <Modal
      open
      title={
        <Space>
          {label}
          <Tag className="mono">{problem.code}</Tag>
        </Space>
      }
      width={WIDE.includes(action) ? 760 : 560}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      okButtonProps={{ className: 'action-submit', disabled: !!idle }}
      confirmLoading={mutation.isPending}
      maskClosable={false}
      className="action-dialog"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={initial}
        scrollToFirstError
        requiredMark="optional"
        data-testid={`action-form-${action}`}
        // Enter confirms a typed date or picks an option; the step itself is taken with its button.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
        }}
      >
        {idle ? <Alert type="info" showIcon title={t(idle)} /> : <ActionFields action={action} problem={problem} />}
        <ServerErrorAlert error={mutation.error} />
      </Form>
    </Modal>
  );
}
