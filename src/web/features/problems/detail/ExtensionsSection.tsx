import { Button, Empty, Table, Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { ProblemDetail } from '../api';

type Extension = ProblemDetail['extensions'][number];
const colors: Record<string, string> = { pending: 'processing', approved: 'success', refused: 'error' };

/** 延期: every request with its reason and decision; the history behind the deadline in force. */
export function ExtensionsSection({ problem, onDecide }: { problem: ProblemDetail; onDecide?: (extensionId: number) => void }) {
  const t = useT();
  if (!problem.extensions.length) return <Empty description={t('extension.none')} />;
  const canDecide = problem.allowedActions.includes('decide_extension');
  return (
    <Table<Extension>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={problem.extensions}
      scroll={{ x: 900 }}
      data-testid="extensions-table"
      columns={[
        { title: t('extension.requested'), key: 'req', width: 160, render: (_, e) => `${formatDateTime(e.requestedAt)} ${e.requestedBy?.name ?? ''}` },
        { title: t('extension.fromTo'), key: 'dates', width: 200, render: (_, e) => <span className="mono">{`${e.currentDeadline ?? '—'} → ${e.newDeadline}`}</span> },
        { title: t('field.extensionReason'), dataIndex: 'reason' },
        {
          title: t('field.decision'),
          key: 'decision',
          width: 260,
          render: (_, e) => (
            <>
              <Tag color={colors[e.status]}>{t(`extensionStatus.${e.status as 'pending'}` as const)}</Tag>
              {e.decidedBy && `${e.decidedBy.name} ${formatDateTime(e.decidedAt)}`}
              {e.decisionNote && <div className="small">{e.decisionNote}</div>}
              {e.status === 'pending' && canDecide && onDecide && (
                <Button size="small" type="link" onClick={() => onDecide(e.id)}>
                  {t('loopAction.decide_extension')}
                </Button>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
