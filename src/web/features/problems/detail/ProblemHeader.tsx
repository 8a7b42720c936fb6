import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Grid, Progress, Space, Steps, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { Deadline, FlagTag, RoundTag, ScheduleTag, StatusTag, WarningLight } from '../../../components/problem';
import { useT } from '../../../i18n/I18nProvider';
import type { BodyAction, ProblemDetail, ProblemStatus } from '../api';
import { nothingPending } from './pending';
import { periodText } from './period';

const STEPS = ['register', 'assign', 'acknowledge', 'rectify', 'self_check', 'verify', 'notice', 'archive', 'file'] as const;
/** The step each status is waiting for (everything before it is done). */
const CURRENT: Record<ProblemStatus, number> = {
  registered: 1,
  assigned: 2,
  acknowledged: 3,
  rectifying: 3,
  self_check_submitted: 5,
  verifying: 5,
  public_notice: 6,
  notice_completed: 7,
  archived: 8,
  closed: 9,
};

/** The order the main step of each status comes in: that one is the primary button. */
// A waiting objection comes before ending the notice (which it blocks); a 长期坚持 problem's step is 阶段性完成.
const MAIN_STEPS: BodyAction[] = ['assign', 'acknowledge', 'report_progress', 'submit_self_check', 'start_verification', 'record_verification', 'decide_objection', 'end_notice', 'archive', 'file', 'mark_phase_done', 'decide_extension'];
/** A 长期坚持 problem never enters the closing steps: its loop ends at 整改, reported and marked done per period. */
const ONGOING_STEPS = STEPS.slice(0, 4);

/** Where the problem is in the loop: 登记 → 交办 → 签收 → 整改 → 自查 → 核查 → 公示 → 归档 → 备案销号. */
function LoopSteps({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const current = CURRENT[problem.status];
  const ongoing = problem.deadlineKind === 'ongoing';
  const steps = ongoing ? ONGOING_STEPS : STEPS;
  if (!screens.md) {
    // A phone: nine steps do not fit across; say where it is in one line.
    const step = Math.min(current, steps.length - 1);
    return (
      <div className="loop-steps loop-steps--compact" data-testid="loop-steps">
        <Progress percent={Math.round((Math.min(current, steps.length) / steps.length) * 100)} steps={steps.length} size="small" showInfo={false} />
        <Typography.Text type="secondary" className="small">
          {problem.status === 'closed' ? t('problemStatus.closed') : t('loopStep.current', { n: step + 1, total: steps.length, step: t(`loopStep.${steps[step]!}` as const) })}
        </Typography.Text>
      </div>
    );
  }
  return (
    <Steps
      size="small"
      className="loop-steps"
      current={Math.min(current, steps.length - 1)}
      status={problem.status === 'closed' ? 'finish' : 'process'}
      items={steps.map((s, i) => ({
        title: t(`loopStep.${s}` as const),
        // 长期坚持: rectifying is where it stays; say so under the step.
        subTitle: ongoing && i === steps.length - 1 ? t('deadlineKind.ongoing') : undefined,
        status: problem.status === 'closed' || i < current ? 'finish' : i === current ? 'process' : 'wait',
      }))}
      data-testid="loop-steps"
    />
  );
}

interface Props {
  problem: ProblemDetail;
  onAction: (action: BodyAction) => void;
}

/** 问题详情 header: code, title, status, warning light, schedule, deadline in force, and the buttons the server allows. */
export function ProblemHeader({ problem, onAction }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const actions = problem.allowedActions.filter((a): a is BodyAction => a !== 'edit');
  // The main next step is the primary button; a decision with nothing waiting for it is not.
  const primary = MAIN_STEPS.find((a) => actions.includes(a) && !nothingPending(a, problem));
  const pendingExtension = problem.extensions.find((e) => e.status === 'pending');
  const lastExtension = [...problem.extensions].reverse().find((e) => e.status === 'approved');
  const phases = [...problem.phaseCompletions].sort((a, b) => b.markedAt.localeCompare(a.markedAt));
  return (
    <Card variant="borderless" className="problem-header" data-testid="problem-header">
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div className="problem-header__main">
          <Space size={8} wrap className="problem-header__code">
            <Typography.Text className="mono" copyable data-testid="problem-code">
              {problem.code}
            </Typography.Text>
            <StatusTag status={problem.status} />
            {problem.flagged && <FlagTag level={problem.flagLevel} />}
            <RoundTag round={problem.rectificationRound} />
            {problem.rebounds > 0 && (
              <Tag color="red" data-testid="rebound-tag">
                {t('problem.rebounds', { n: problem.rebounds })}
              </Tag>
            )}
            {problem.verificationFailures > 0 && <Tag color="warning">{t('problem.verificationFailures', { n: problem.verificationFailures })}</Tag>}
          </Space>
          <Typography.Title level={3} className="problem-header__title" data-testid="problem-title">
            {problem.title}
          </Typography.Title>
        </div>
        <Space wrap className="problem-header__actions" data-testid="problem-actions">
          {problem.allowedActions.includes('edit') && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/problems/${problem.id}/edit`)} data-testid="action-edit">
              {t('loopAction.edit')}
            </Button>
          )}
          {actions.map((a) => (
            <Button key={a} type={a === primary ? 'primary' : 'default'} danger={a === 'reopen'} onClick={() => onAction(a)} data-testid={`action-${a}`}>
              {t(`loopAction.${a}` as const)}
            </Button>
          ))}
        </Space>
      </Flex>
      <Descriptions
        size="small"
        className="problem-header__facts"
        column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }}
        items={[
          {
            key: 'warning',
            label: t('field.warningLight'),
            children: (
              <WarningLight
                light={problem.warningLight}
                reason={problem.warningReason}
                dueOn={problem.warningDueOn}
                daysLeft={problem.warningWorkingDaysLeft}
                daysOverdue={problem.warningWorkingDaysOverdue}
              />
            ),
          },
          { key: 'schedule', label: t('field.scheduleState'), children: <ScheduleTag state={problem.scheduleState} /> },
          {
            key: 'deadline',
            label: t('field.deadline'),
            children: (
              <span data-testid="problem-deadline">
                <Deadline problem={problem} />
                {lastExtension && (
                  <Typography.Text type="secondary" className="small">
                    {' '}
                    {t('problem.extensionNote', { from: lastExtension.currentDeadline ?? '—', to: lastExtension.newDeadline })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { key: 'lead', label: t('field.leadUnit'), children: problem.leadUnitName ?? '—' },
          { key: 'leader', label: t('field.leader'), children: problem.leader?.name ?? '—' },
          { key: 'responsible', label: t('field.responsiblePerson'), children: [problem.responsiblePerson, problem.responsiblePhone].filter(Boolean).join(' · ') || '—' },
          ...(problem.status === 'assigned' ? [{ key: 'ack', label: t('field.ackDueOn'), children: problem.ackDueOn ?? '—' }] : []),
          ...(problem.nextReportDue ? [{ key: 'report', label: t('field.nextReportDue'), children: problem.nextReportDue }] : []),
          ...(problem.deadlineKind === 'ongoing'
            ? [
                {
                  key: 'phase',
                  label: t('tab.phases'),
                  children: phases[0] ? (
                    <span data-testid="phase-done">
                      <Tag color="success" data-period={phases[0].period}>
                        {periodText(t, phases[0].period)}
                      </Tag>
                      {phases.length > 1 && (
                        <Typography.Text type="secondary" className="small">
                          {t('phase.count', { n: phases.length })}
                        </Typography.Text>
                      )}
                    </span>
                  ) : (
                    <Typography.Text type="secondary" data-testid="phase-done">
                      {t('phase.none')}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(problem.verifier ? [{ key: 'verifier', label: t('field.verifier'), children: problem.verifier.name }] : []),
          ...(problem.closedOn ? [{ key: 'closed', label: t('field.closedOn'), children: problem.closedOn }] : []),
        ]}
      />
      {pendingExtension && (
        <Alert
          type="warning"
          showIcon
          className="mt-8"
          title={t('problem.pendingExtension', { to: pendingExtension.newDeadline, who: pendingExtension.requestedBy?.name ?? '' })}
        />
      )}
      <LoopSteps problem={problem} />
    </Card>
  );
}
