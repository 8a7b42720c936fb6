import { Empty, Table, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import type { ProblemDetail } from '../api';
import { periodText } from './period';

/** 阶段性完成 of a 长期坚持 problem: each period marked done, newest first, as people say it (2026 年第四季度). */
export function PhasesSection({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  if (!problem.phaseCompletions.length) return <Empty description={t('phase.none')} />;
  const phases = [...problem.phaseCompletions].sort((a, b) => b.markedAt.localeCompare(a.markedAt));
  return (
    <Table
      rowKey="period"
      size="small"
      pagination={false}
      dataSource={phases}
      data-testid="phases-section"
      columns={[
        {
          title: t('field.period'),
          dataIndex: 'period',
          width: 200,
          render: (v: string) => (
            <span>
              {periodText(t, v)}{' '}
              <Typography.Text type="secondary" className="mono small">
                {v}
              </Typography.Text>
            </span>
          ),
        },
        { title: t('field.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
        { title: t('phase.markedAt'), dataIndex: 'markedAt', width: 160, render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}
