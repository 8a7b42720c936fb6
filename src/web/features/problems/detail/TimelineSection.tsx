import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { StatusTag } from '../../../components/problem';
import { isUiKey, useT, type TFunction } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { formatDateTime } from '../../../lib/format';
import type { ProblemDetail, ProblemStatus } from '../api';
import { periodText } from './period';

type Event = ProblemDetail['timeline'][number];

/** Ids and snapshots that mean nothing to a reader. */
const HIDDEN = new Set(['reportId', 'extensionId', 'objectionId', 'verificationId', 'selfCheckId', 'noticeId', 'archiveId', 'lookbackCheckId', 'before', 'code', 'checkId', 'campaignId']);

/** Problem fields named in an edit's "changed" list. */
const FIELD_KEYS: Record<string, UiKey> = {
  source: 'field.problemSource',
  roundId: 'field.round',
  batchId: 'field.batch',
  planId: 'field.plan',
  category: 'field.category',
  title: 'field.title',
  description: 'field.description',
  regionId: 'field.region',
  address: 'field.address',
  lng: 'field.lng',
  lat: 'field.lat',
  enterpriseUnitId: 'field.enterprise',
  enterpriseName: 'field.enterprise',
  enterpriseUscc: 'field.uscc',
  leadUnitId: 'field.leadUnit',
  cooperatingUnitIds: 'field.cooperatingUnits',
  leaderUserId: 'field.leader',
  responsiblePerson: 'field.responsiblePerson',
  responsiblePhone: 'field.responsiblePhone',
  goal: 'field.goal',
  measures: 'field.measures',
  closingCriteria: 'field.closingCriteria',
  milestones: 'field.milestones',
  deadlineKind: 'field.deadlineKind',
  deadline: 'field.deadline',
  flagged: 'field.flagged',
  flagLevel: 'field.flagLevel',
  isPublic: 'field.isPublic',
  remarks: 'field.remarks',
};

function valueText(t: TFunction, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (key === 'changed' && Array.isArray(value)) return [...new Set(value.map((f) => (FIELD_KEYS[String(f)] ? t(FIELD_KEYS[String(f)]!) : String(f))))].join('、');
  if (key === 'milestonesDone' && Array.isArray(value)) return String(value.length);
  if (Array.isArray(value)) return value.map(String).join('、');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.startsOn && o.endsOn) return `${String(o.startsOn)} — ${String(o.endsOn)}`;
    return JSON.stringify(value);
  }
  const s = String(value);
  if (key === 'period') return periodText(t, s);
  for (const prefix of ['verification', 'lookbackResult', 'extensionStatus', 'objectionDecision', 'unitRole']) if (isUiKey(`${prefix}.${s}`)) return t(`${prefix}.${s}` as UiKey);
  return s;
}

/**
 * The order details are read in (the database keeps them in its own key order, e.g. 公示结束 before 公示开始): what
 * was decided first, then dates from → to, then what was said. Anything not listed comes after, as stored.
 */
const ORDER = [
  ...['decision', 'result', 'status', 'period', 'objection', 'previousRound', 'round', 'from', 'to', 'newDeadline', 'startsOn', 'endsOn', 'notice', 'receivedOn'],
  ...['filingNumber', 'filingDate', 'verifier', 'verifierUnit', 'progress', 'milestonesDone', 'criteria', 'evidence', 'reason', 'reasons', 'note'],
];
const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);

function Details({ event, problem }: { event: Event; problem: ProblemDetail }) {
  const t = useT();
  const details: Record<string, unknown> = { ...event.details };
  // An objection's events carry only its id: show what the objection said, so two of them can be told apart.
  if (typeof details.objectionId === 'number') {
    const objection = problem.notices.flatMap((n) => n.objections).find((o) => o.id === details.objectionId);
    if (objection) details.objection = objection.content;
  }
  // A progress report's event says what was reported (a returned one and the one after it read side by side).
  if (event.action === 'report_progress' && typeof details.reportId === 'number') {
    const report = problem.progressReports.find((r) => r.id === details.reportId);
    if (report) details.progress = report.text;
  }
  const entries = Object.entries(details)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => [k, valueText(t, k, v)] as const)
    .filter(([, v]) => v !== null)
    .sort(([a], [b]) => rank(a) - rank(b));
  if (!entries.length) return null;
  return (
    <div className="timeline-details">
      {entries.map(([k, v]) => (
        <div key={k}>
          <Typography.Text type="secondary">{k === 'objection' ? t('field.objectionContent') : k === 'progress' ? t('field.progressText') : isUiKey(`timelineDetail.${k}`) ? t(`timelineDetail.${k}` as UiKey) : k}：</Typography.Text>
          <span className="multiline-inline">{v}</span>
        </div>
      ))}
    </div>
  );
}

const isStatus = (s: string | null): s is ProblemStatus => !!s && isUiKey(`problemStatus.${s}`);

/** 时间线: every event of the problem (who, which unit, when, from → to, what was said), newest first. */
export function TimelineSection({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const rounds = [...new Set(problem.timeline.map((e) => e.round))].sort((a, b) => a - b);
  const [round, setRound] = useState<number | 'all'>('all');
  const events = [...problem.timeline].filter((e) => round === 'all' || e.round === round).sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  if (!problem.timeline.length) return <Empty />;
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="timeline-section">
      {rounds.length > 1 && (
        <Segmented<number | 'all'>
          value={round}
          onChange={setRound}
          options={[{ value: 'all', label: t('timeline.allRounds') }, ...rounds.map((r) => ({ value: r, label: t('problem.roundN', { n: r }) }))]}
        />
      )}
      <Timeline
        items={events.map((e) => ({
          key: e.id,
          color: e.action === 'lookback_check' || e.action === 'reopen' ? 'red' : e.action === 'file' ? 'green' : 'blue',
          content: (
            <div className="timeline-event" data-testid="timeline-event">
              <Space wrap size={6}>
                <Typography.Text type="secondary" className="mono small">
                  {formatDateTime(e.at)}
                </Typography.Text>
                <Typography.Text strong>{isUiKey(`loopAction.${e.action}`) ? t(`loopAction.${e.action}` as UiKey) : e.action}</Typography.Text>
                <Typography.Text>{e.actorName ?? t('timeline.system')}</Typography.Text>
                {e.actorUnitName && <Typography.Text type="secondary">{e.actorUnitName}</Typography.Text>}
                {rounds.length > 1 && <Tag>{t('problem.roundN', { n: e.round })}</Tag>}
              </Space>
              {e.fromStatus !== e.toStatus && (isStatus(e.fromStatus) || isStatus(e.toStatus)) && (
                <div className="timeline-event__status">
                  {isStatus(e.fromStatus) && <StatusTag status={e.fromStatus} />}
                  {isStatus(e.fromStatus) && <ArrowRightOutlined className="timeline-event__arrow" />}
                  {isStatus(e.toStatus) && <StatusTag status={e.toStatus} />}
                </div>
              )}
              <Details event={e} problem={problem} />
            </div>
          ),
        }))}
      />
    </Space>
  );
}
