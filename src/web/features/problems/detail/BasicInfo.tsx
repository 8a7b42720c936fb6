import { Descriptions, Tag, Typography } from 'antd';
import { Deadline, FlagTag } from '../../../components/problem';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { ProblemDetail } from '../api';

const Multiline = ({ text }: { text: string | null }) => (text ? <div className="multiline">{text}</div> : <Typography.Text type="secondary">—</Typography.Text>);

/** 基本信息: every field of the ledger (domain §3), as registered. */
export function BasicInfo({ problem: p }: { problem: ProblemDetail }) {
  const t = useT();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      className="basic-info"
      data-testid="basic-info"
      items={[
        { key: 'code', label: t('field.problemCode'), children: <span className="mono">{p.code}</span> },
        { key: 'source', label: t('field.problemSource'), children: t(`source.${p.source}` as const) },
        { key: 'round', label: t('field.roundBatch'), children: [p.roundName, p.batchName].filter(Boolean).join(' · ') || '—' },
        { key: 'plan', label: t('field.plan'), children: p.planName ?? '—' },
        { key: 'category', label: t('field.category'), children: t(`category.${p.category}` as const) },
        { key: 'region', label: t('field.region'), children: p.regionName },
        { key: 'title', label: t('field.title'), span: 'filled', children: p.title },
        { key: 'description', label: t('field.description'), span: 'filled', children: <Multiline text={p.description} /> },
        { key: 'address', label: t('field.address'), children: p.address ?? '—' },
        { key: 'location', label: t('field.location'), children: p.lng != null && p.lat != null ? <span className="mono">{`${p.lng}, ${p.lat}`}</span> : '—' },
        {
          key: 'enterprise',
          label: t('field.enterprise'),
          children: p.enterpriseName ? (
            <>
              {p.enterpriseName}
              {p.enterpriseUscc && (
                <Typography.Text type="secondary" className="mono">
                  {' '}
                  {p.enterpriseUscc}
                </Typography.Text>
              )}
            </>
          ) : (
            '—'
          ),
        },
        { key: 'lead', label: t('field.leadUnit'), children: p.leadUnitName ?? '—' },
        { key: 'coop', label: t('field.cooperatingUnits'), span: 'filled', children: p.cooperatingUnits.length ? p.cooperatingUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—' },
        { key: 'leader', label: t('field.leader'), children: p.leader?.name ?? '—' },
        { key: 'person', label: t('field.responsiblePerson'), children: [p.responsiblePerson, p.responsiblePhone].filter(Boolean).join(' · ') || '—' },
        { key: 'deadlineKind', label: t('field.deadlineKind'), children: t(`deadlineKind.${p.deadlineKind}` as const) },
        { key: 'deadline', label: t('field.deadline'), children: <Deadline problem={p} /> },
        { key: 'flagged', label: t('field.flagged'), children: p.flagged ? <FlagTag level={p.flagLevel} /> : t('common.no') },
        { key: 'public', label: t('field.isPublic'), children: p.isPublic ? t('common.yes') : t('common.no') },
        { key: 'latest', label: t('field.latestProgress'), span: 'filled', children: <Multiline text={p.latestProgress} /> },
        { key: 'remarks', label: t('field.remarks'), span: 'filled', children: <Multiline text={p.remarks} /> },
        { key: 'assignedOn', label: t('field.assignedOn'), children: p.assignedOn ?? '—' },
        { key: 'acknowledgedOn', label: t('field.acknowledgedOn'), children: p.acknowledgedOn ?? '—' },
        { key: 'createdAt', label: t('field.createdAt'), children: formatDateTime(p.createdAt) },
        { key: 'round2', label: t('field.rectificationRound'), children: t('problem.roundN', { n: p.rectificationRound }) },
      ]}
    />
  );
}
