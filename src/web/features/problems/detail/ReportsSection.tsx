import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { EvidenceItem } from '../../evidence/api';
import { EvidenceRefs } from '../../evidence/components/EvidenceThumb';
import type { ProblemDetail } from '../api';

interface Props {
  problem: ProblemDetail;
  evidence: Map<number, EvidenceItem>;
  onReturn?: (reportId: number) => void;
}

/** 进展报送: every report, newest first, by round; returned ones with the reason, so the unit sees what to redo. */
export function ReportsSection({ problem, evidence, onReturn }: Props) {
  const t = useT();
  const reports = [...problem.progressReports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id - a.id);
  const milestoneTitle = new Map(problem.milestones.map((m) => [m.id, m.title]));
  if (!reports.length) return <Empty description={t('report.none')} />;
  const canReturn = problem.allowedActions.includes('return_report');
  return (
    <Space orientation="vertical" size={12} className="full-width" data-testid="reports-section">
      {reports.map((r) => (
        <Card
          key={r.id}
          size="small"
          className={r.status === 'returned' ? 'report-card report-card--returned' : 'report-card'}
          data-testid="report-card"
          title={
            <Space wrap size={6}>
              <span>{formatDateTime(r.submittedAt)}</span>
              <Typography.Text type="secondary">{r.submittedBy?.name}</Typography.Text>
              {r.round > 1 && <Tag color="magenta">{t('problem.roundN', { n: r.round })}</Tag>}
              <Tag color={r.status === 'returned' ? 'error' : r.status === 'superseded' ? 'default' : 'processing'}>{t(`reportStatus.${r.status as 'submitted'}` as const)}</Tag>
            </Space>
          }
          extra={
            canReturn &&
            r.status === 'submitted' &&
            r.round === problem.rectificationRound &&
            onReturn && (
              <Button size="small" danger onClick={() => onReturn(r.id)}>
                {t('loopAction.return_report')}
              </Button>
            )
          }
        >
          <div className="multiline">{r.text}</div>
          {r.milestoneIdsDone.length > 0 && (
            <div className="mt-8">
              <Typography.Text type="secondary">{t('field.milestonesDone')}：</Typography.Text>
              {r.milestoneIdsDone.map((id) => (
                <Tag key={id} color="success">
                  {milestoneTitle.get(id) ?? `#${id}`}
                </Tag>
              ))}
            </div>
          )}
          <div className="mt-8">
            <EvidenceRefs ids={r.evidenceIds} byId={evidence} />
          </div>
          {r.status === 'returned' && <Alert type="error" showIcon className="mt-8" title={t('report.returnedReason', { reason: r.returnReason ?? '—' })} />}
        </Card>
      ))}
    </Space>
  );
}
