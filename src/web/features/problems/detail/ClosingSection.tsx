import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Steps, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { archivePackageUrl, type EvidenceItem } from '../../evidence/api';
import { EvidenceRefs } from '../../evidence/components/EvidenceThumb';
import type { ProblemDetail } from '../api';

interface Props {
  problem: ProblemDetail;
  evidence: Map<number, EvidenceItem>;
  onDecideObjection?: (objectionId: number) => void;
}

const noticeColors: Record<string, string> = { open: 'gold', ended: 'success', withdrawn: 'default' };
const objectionColors: Record<string, string> = { pending: 'processing', upheld: 'error', dismissed: 'default' };

/** The five closing steps of one rectification round. */
function RoundSteps({ problem, round, evidence, onDecideObjection }: Props & { round: number }) {
  const t = useT();
  const selfChecks = problem.selfChecks.filter((s) => s.round === round);
  const verifications = problem.verifications.filter((v) => v.round === round);
  const notices = problem.notices.filter((n) => n.round === round);
  const archives = problem.archives.filter((a) => a.round === round);
  const filing = problem.timeline.find((e) => e.round === round && e.action === 'file');
  const filingNumber = (filing?.details.filingNumber as string | undefined) ?? (round === problem.rectificationRound ? problem.filingNumber : null);
  const filingDate = (filing?.details.filingDate as string | undefined) ?? (round === problem.rectificationRound ? problem.filingDate : null);
  // The latest verification and notice decide: after an upheld objection the notice is withdrawn and a new
  // verification waits, so the earlier pass no longer counts as done.
  const passed = verifications.at(-1)?.result === 'pass';
  const noticeDone = notices.at(-1)?.status === 'ended';
  const status = (done: boolean, started: boolean) => (done ? 'finish' : started ? 'process' : 'wait');
  const canDecide = problem.allowedActions.includes('decide_objection') && round === problem.rectificationRound;
  const done = [selfChecks.length > 0, passed, noticeDone, archives.length > 0, !!filingNumber];
  const current = done.indexOf(false);

  return (
    <Steps
      orientation="vertical"
      size="small"
      current={current === -1 ? done.length : current}
      className="closing-steps"
      items={[
        {
          title: t('closing.selfCheck'),
          status: status(selfChecks.length > 0, false),
          content: selfChecks.length ? (
            selfChecks.map((s) => (
              <div key={s.id} className="closing-block" data-testid="self-check-record">
                <Typography.Text type="secondary">{t('closing.signedBy', { name: s.signedBy?.name ?? '—', time: formatDateTime(s.signedAt) })}</Typography.Text>
                <Table
                  rowKey={(_, i) => String(i)}
                  size="small"
                  pagination={false}
                  className="mt-8"
                  dataSource={s.items}
                  columns={[
                    { title: t('field.closingCriterion'), dataIndex: 'criterion', width: '32%' },
                    { title: t('field.selfCheckStatement'), dataIndex: 'statement' },
                    { title: t('field.evidence'), key: 'ev', width: 220, render: (_, item) => <EvidenceRefs ids={item.evidenceIds} byId={evidence} size={56} /> },
                  ]}
                />
              </div>
            ))
          ) : (
            <Typography.Text type="secondary">{t('closing.notYet')}</Typography.Text>
          ),
        },
        {
          title: t('closing.verification'),
          status: status(passed, verifications.length > 0),
          content: verifications.length ? (
            <Space orientation="vertical" className="full-width">
              {verifications.map((v) => (
                <div key={v.id} className="closing-block" data-testid="verification-record">
                  <Space wrap size={6}>
                    <Typography.Text>{t('closing.verifier', { name: v.verifier?.name ?? '—', time: formatDateTime(v.assignedAt) })}</Typography.Text>
                    {v.result ? (
                      <Tag color={v.result === 'pass' ? 'success' : 'error'}>{t(`verification.${v.result as 'pass'}` as const)}</Tag>
                    ) : (
                      <Tag color="processing">{t('closing.verifying')}</Tag>
                    )}
                    {v.decidedAt && <Typography.Text type="secondary">{formatDateTime(v.decidedAt)}</Typography.Text>}
                  </Space>
                  {v.onSiteRecord && (
                    <div className="multiline mt-8">
                      <Typography.Text type="secondary">{t('field.onSiteRecord')}：</Typography.Text>
                      {v.onSiteRecord}
                    </div>
                  )}
                  {v.reasons && (
                    <div className="multiline mt-8">
                      <Typography.Text type="danger">{t('field.failReasons')}：</Typography.Text>
                      {v.reasons}
                    </div>
                  )}
                  {v.result && (
                    <div className="mt-8">
                      <EvidenceRefs ids={v.evidenceIds} byId={evidence} />
                    </div>
                  )}
                </div>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('closing.notYet')}</Typography.Text>
          ),
        },
        {
          title: t('closing.notice'),
          status: status(noticeDone, notices.length > 0),
          content: notices.length ? (
            notices.map((n) => (
              <div key={n.id} className="closing-block" data-testid="notice-record">
                <Space wrap size={6}>
                  <span className="mono">{`${n.startsOn} — ${n.endsOn}`}</span>
                  <Tag color={noticeColors[n.status]}>{t(`noticeStatus.${n.status as 'open'}` as const)}</Tag>
                </Space>
                {n.objections.length > 0 && (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    className="mt-8"
                    dataSource={n.objections}
                    columns={[
                      { title: t('field.receivedOn'), dataIndex: 'receivedOn', width: 110 },
                      { title: t('field.objectionContent'), dataIndex: 'content' },
                      {
                        title: t('field.decision'),
                        key: 'd',
                        width: 220,
                        render: (_, o) => (
                          <>
                            <Tag color={objectionColors[o.decision]}>{t(`objectionDecision.${o.decision as 'pending'}` as const)}</Tag>
                            {o.decisionNote && <div className="small">{o.decisionNote}</div>}
                            {o.decision === 'pending' && canDecide && onDecideObjection && (
                              <Button type="link" size="small" onClick={() => onDecideObjection(o.id)}>
                                {t('loopAction.decide_objection')}
                              </Button>
                            )}
                          </>
                        ),
                      },
                    ]}
                  />
                )}
              </div>
            ))
          ) : (
            <Typography.Text type="secondary">{t('closing.notYet')}</Typography.Text>
          ),
        },
        {
          title: t('closing.archive'),
          status: status(archives.length > 0, false),
          content: archives.length ? (
            archives.map((a) => (
              <div key={a.id} className="closing-block" data-testid="archive-record">
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'at', label: t('closing.archivedAt'), children: formatDateTime(a.archivedAt) },
                    { key: 'files', label: t('closing.files'), children: a.files },
                    {
                      key: 'hash',
                      label: t('closing.manifestHash'),
                      children: (
                        <Typography.Text className="mono small" copyable={{ text: a.manifestSha256 }}>
                          {a.manifestSha256}
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
                <Button icon={<DownloadOutlined />} href={archivePackageUrl(problem.id, a.id)} data-testid="archive-download">
                  {t('closing.downloadPackage')}
                </Button>
              </div>
            ))
          ) : (
            <Typography.Text type="secondary">{t('closing.notYet')}</Typography.Text>
          ),
        },
        {
          title: t('closing.filing'),
          status: status(!!filingNumber, false),
          content: filingNumber ? (
            <div className="closing-block" data-testid="filing-record">
              <Space wrap>
                <Typography.Text>{t('closing.filingNumber', { number: filingNumber })}</Typography.Text>
                <Typography.Text type="secondary">{t('closing.filingDate', { date: filingDate ?? '—' })}</Typography.Text>
                <Tag color="success">{t('problemStatus.closed')}</Tag>
              </Space>
            </div>
          ) : (
            <Typography.Text type="secondary">{t('closing.notYet')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

/** 销号五步 by rectification round: round 2 (after a rebound) on top, every earlier closing still visible below. */
export function ClosingSection(props: Props) {
  const t = useT();
  const { problem } = props;
  if (problem.deadlineKind === 'ongoing') return <Empty description={t('closing.ongoing')} />;
  const rounds = Array.from({ length: problem.rectificationRound }, (_, i) => problem.rectificationRound - i);
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="closing-section">
      {rounds.map((round) => (
        <Card
          key={round}
          size="small"
          title={t('closing.roundTitle', { n: round })}
          extra={round < problem.rectificationRound && <Tag color="red">{t('closing.reopenedAfter')}</Tag>}
          data-testid={`closing-round-${round}`}
        >
          <RoundSteps {...props} round={round} />
        </Card>
      ))}
    </Space>
  );
}
