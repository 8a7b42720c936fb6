import { ArrowLeftOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { LoadError, NotFoundResult, PageLoading } from '../../../components/results';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useEvidence, type EvidencePurpose } from '../../evidence/api';
import { EvidenceGallery } from '../../evidence/components/EvidenceGallery';
import { EvidenceUploader } from '../../evidence/components/EvidenceUploader';
import { ProblemDocumentButtons } from '../../documents/ProblemDocumentButtons';
import { useProblem, type BodyAction, type ProblemDetail } from '../api';
import { ActionDialog, type ActionPreset } from '../detail/ActionDialog';
import { BasicInfo } from '../detail/BasicInfo';
import { ClosingSection } from '../detail/ClosingSection';
import { ExtensionsSection } from '../detail/ExtensionsSection';
import { MeasuresSection } from '../detail/MeasuresSection';
import { PhasesSection } from '../detail/PhasesSection';
import { ProblemHeader } from '../detail/ProblemHeader';
import { ReportsSection } from '../detail/ReportsSection';
import { TimelineSection } from '../detail/TimelineSection';

const COORDINATOR_ACTIONS: BodyAction[] = ['assign', 'return_report', 'decide_extension', 'start_verification', 'record_objection', 'archive', 'file', 'reopen', 'mark_phase_done'];

/**
 * What this person may add to the gallery, read from what the server lets them do: the coordinator anything, the
 * rectifying unit progress and self-check files, the verifier verification photos. Nothing once the file is frozen.
 */
function uploadPurposes(p: ProblemDetail): EvidencePurpose[] {
  if (p.status === 'archived' || p.status === 'closed') return [];
  const a = p.allowedActions;
  if (a.some((x) => COORDINATOR_ACTIONS.includes(x as BodyAction)) || a.includes('edit')) return ['progress', 'self_check', 'verification', 'other'];
  if (a.includes('record_verification')) return ['verification', 'other'];
  if (a.includes('submit_self_check')) return ['self_check', 'progress', 'other'];
  if (a.includes('report_progress') || a.includes('request_extension')) return ['progress', 'other'];
  return [];
}

const TABS = ['info', 'measures', 'reports', 'extensions', 'closing', 'evidence', 'timeline', 'phases'] as const;
type TabKey = (typeof TABS)[number];

/** 问题详情: the header with the allowed steps, then every part of the problem's file by tab. */
export function ProblemDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const problem = useProblem(id);
  const evidence = useEvidence(id, problem.isSuccess);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'info';
  const [dialog, setDialog] = useState<{ action: BodyAction; preset?: ActionPreset } | null>(null);
  const byId = useMemo(() => new Map((evidence.data ?? []).map((e) => [e.id, e])), [evidence.data]);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (problem.isPending) return <PageLoading />;
  if (problem.isError) return problem.error instanceof ApiError && problem.error.status === 404 ? <NotFoundResult /> : <LoadError error={problem.error} onRetry={() => void problem.refetch()} />;
  const p = problem.data;
  const purposes = uploadPurposes(p);
  const open = (action: BodyAction, preset?: ActionPreset) => setDialog({ action, preset });
  const count = (n: number) => (n ? <Badge count={n} size="small" color="#8c9bb0" className="tab-badge" /> : null);
  const rebound = p.rectificationRound > 1;

  const items = [
    { key: 'info', label: t('tab.info'), children: <BasicInfo problem={p} /> },
    { key: 'measures', label: t('tab.measures'), children: <MeasuresSection problem={p} today={dayjs().format('YYYY-MM-DD')} /> },
    {
      key: 'reports',
      label: (
        <span>
          {t('tab.reports')} {count(p.progressReports.length)}
        </span>
      ),
      children: <ReportsSection problem={p} evidence={byId} onReturn={(reportId) => open('return_report', { reportId })} />,
    },
    // 长期坚持 problems have no deadline to extend: no tab, unless earlier requests (under a dated deadline) are on file.
    ...(p.deadlineKind !== 'ongoing' || p.extensions.length
      ? [
          {
            key: 'extensions',
            label: (
              <span>
                {t('tab.extensions')} {count(p.extensions.length)}
              </span>
            ),
            children: <ExtensionsSection problem={p} onDecide={(extensionId) => open('decide_extension', { extensionId })} />,
          },
        ]
      : []),
    ...(p.deadlineKind !== 'ongoing'
      ? [{ key: 'closing', label: rebound ? t('tab.closingRounds', { n: p.rectificationRound }) : t('tab.closing'), children: <ClosingSection problem={p} evidence={byId} onDecideObjection={(objectionId) => open('decide_objection', { objectionId })} /> }]
      : []),
    {
      key: 'evidence',
      label: (
        <span>
          {t('tab.evidence')} {count(evidence.data?.length ?? 0)}
        </span>
      ),
      children: evidence.isError ? (
        <LoadError error={evidence.error} onRetry={() => void evidence.refetch()} />
      ) : (
        <EvidenceGallery
          items={evidence.data ?? []}
          uploader={
            purposes.length > 0 && (
              <Card size="small" title={t('evidence.add')}>
                <EvidenceUploader problemId={p.id} purposes={purposes} testId="gallery-upload" />
              </Card>
            )
          }
        />
      ),
    },
    { key: 'timeline', label: t('tab.timeline'), children: <TimelineSection problem={p} /> },
    ...(p.deadlineKind === 'ongoing'
      ? [
          {
            key: 'phases',
            label: t('tab.phases'),
            children: <PhasesSection problem={p} />,
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="problem-detail">
      <Link to="/problems">
        <Button type="link" icon={<ArrowLeftOutlined />} className="back-link">
          {t('problem.backToLedger')}
        </Button>
      </Link>
      <ProblemHeader problem={p} onAction={(a) => open(a)} />
      <ProblemDocumentButtons problem={p} />
      <Card variant="borderless">
        <Tabs
          // A tab this problem does not have (an old link, e.g. 延期 of a 长期坚持 problem) opens the basic information.
          activeKey={items.some((i) => i.key === tab) ? tab : 'info'}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items}
          data-testid="problem-tabs"
        />
      </Card>
      {dialog && <ActionDialog problem={p} action={dialog.action} preset={dialog.preset} onClose={() => setDialog(null)} />}
    </Space>
  );
}
