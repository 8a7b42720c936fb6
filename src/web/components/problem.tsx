import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ProblemStatus } from '../../domain/problem/lifecycle';
import type { ProblemRow } from '../../shared/api/problems';
import { isUiKey, useT } from '../i18n/I18nProvider';

/** Labels and marks of a problem used by every screen of the loop: status, warning light, schedule, deadline, flag. */

const statusColors: Record<ProblemStatus, string> = {
  registered: 'default',
  assigned: 'blue',
  acknowledged: 'cyan',
  rectifying: 'processing',
  self_check_submitted: 'geekblue',
  verifying: 'purple',
  public_notice: 'gold',
  notice_completed: 'orange',
  archived: 'lime',
  closed: 'success',
};

export function StatusTag({ status }: { status: ProblemStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} data-testid="status-tag" className="status-tag">
      {t(`problemStatus.${status}` as const)}
    </Tag>
  );
}

type Light = ProblemRow['warningLight'];
export const lightColors: Record<Light, string> = { green: '#2e9d4f', yellow: '#f0a500', red: '#e0282e', severe: '#7a0010' };

interface LightProps {
  light: Light;
  reason?: string | null;
  dueOn?: string | null;
  daysLeft?: number | null;
  daysOverdue?: number | null;
  /** Show the light's name next to the dot. */
  withLabel?: boolean;
}

/** 红黄绿灯: a coloured dot (and its name), the reason and the date it is about in the tooltip. */
export function WarningLight({ light, reason, dueOn, daysLeft, daysOverdue, withLabel = true }: LightProps) {
  const t = useT();
  const lines = [
    reason ? (isUiKey(`warningReason.${reason}`) ? t(`warningReason.${reason}` as 'warningReason.on_track') : reason) : null,
    dueOn ? t('warning.dueOn', { date: dueOn }) : null,
    daysOverdue != null && daysOverdue > 0 ? t('warning.daysOverdue', { n: daysOverdue }) : null,
    daysLeft != null && (light === 'yellow' || light === 'green') && dueOn ? t('warning.daysLeft', { n: daysLeft }) : null,
  ].filter(Boolean);
  return (
    <Tooltip title={lines.length ? lines.map((l) => <div key={l}>{l}</div>) : undefined}>
      <span className={`warning-light warning-light--${light}`} data-testid="warning-light" data-light={light}>
        <span className="warning-light__dot" style={{ background: lightColors[light] }} aria-hidden />
        {withLabel && <span>{t(`warning.${light}` as const)}</span>}
      </span>
    </Tooltip>
  );
}

export function ScheduleTag({ state }: { state: ProblemRow['scheduleState'] }) {
  const t = useT();
  const color = { not_started: 'default', behind: 'error', on_schedule: 'processing', ahead: 'success', rectified: 'cyan', closed: 'success' }[state];
  return <Tag color={color}>{t(`schedule.${state}` as const)}</Tag>;
}

/** 挂牌督办 (with its level). */
export function FlagTag({ level }: { level: ProblemRow['flagLevel'] }) {
  const t = useT();
  return (
    <Tag color="red" className="flag-tag" data-testid="flag-tag">
      {level ? t(`flagLevel.${level}` as const) : t('problem.flagged')}
    </Tag>
  );
}

type DeadlineFields = Pick<ProblemRow, 'deadlineKind' | 'deadline' | 'originalDeadline' | 'extended'>;

/** The deadline in force: a date, 立行立改 or 长期坚持; "已延期" with the original deadline when extended. */
export function Deadline({ problem, compact = false }: { problem: DeadlineFields; compact?: boolean }) {
  const t = useT();
  const kind = problem.deadlineKind;
  return (
    <Space size={4} wrap className="deadline">
      {kind === 'ongoing' ? (
        <Typography.Text>{t('deadlineKind.ongoing')}</Typography.Text>
      ) : (
        <>
          {kind === 'immediate' && <Tag color="volcano">{t('deadlineKind.immediate')}</Tag>}
          {problem.deadline ? <span className="mono">{problem.deadline}</span> : kind === 'immediate' ? (compact ? null : <Typography.Text type="secondary">{t('problem.immediatePending')}</Typography.Text>) : '—'}
          {problem.extended && (
            <Tooltip title={t('problem.originalDeadline', { date: problem.originalDeadline ?? '—' })}>
              <Tag color="orange" data-testid="extended-tag">
                {t('problem.extended')}
              </Tag>
            </Tooltip>
          )}
        </>
      )}
    </Space>
  );
}

/** 第 N 轮整改 — only worth showing once a rebound has opened a second round. */
export function RoundTag({ round }: { round: number }) {
  const t = useT();
  if (round <= 1) return null;
  return (
    <Tag color="magenta" data-testid="round-tag">
      {t('problem.roundN', { n: round })}
    </Tag>
  );
}
