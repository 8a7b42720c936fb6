import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { ProblemDetail } from '../api';

type Milestone = ProblemDetail['milestones'][number];

/** 整改措施与节点: goal, measures, closing criteria, and the milestones of each rectification round. */
export function MeasuresSection({ problem, today }: { problem: ProblemDetail; today: string }) {
  const t = useT();
  const rounds = [...new Set(problem.milestones.map((m) => m.round))].sort((a, b) => b - a);
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="measures-section">
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'goal', label: t('field.goal'), children: problem.goal ? <div className="multiline">{problem.goal}</div> : '—' },
          { key: 'measures', label: t('field.measures'), children: problem.measures ? <div className="multiline">{problem.measures}</div> : '—' },
          {
            key: 'criteria',
            label: t('field.closingCriteria'),
            children: problem.closingCriteria.length ? (
              <ol className="criteria-list">
                {problem.closingCriteria.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="warning">{t('problem.noCriteria')}</Typography.Text>
            ),
          },
        ]}
      />
      {rounds.length === 0 && <Empty description={t('milestone.none')} />}
      {rounds.map((round) => (
        <Card key={round} size="small" title={rounds.length > 1 || round > 1 ? t('milestone.titleRound', { n: round }) : t('milestone.title')}>
          <Table<Milestone>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={problem.milestones.filter((m) => m.round === round).sort((a, b) => a.seq - b.seq)}
            columns={[
              { title: '#', dataIndex: 'seq', width: 48 },
              { title: t('field.milestone'), dataIndex: 'title' },
              { title: t('field.dueOn'), dataIndex: 'dueOn', width: 120, render: (v: string) => <span className="mono">{v}</span> },
              {
                title: t('field.status'),
                key: 'state',
                width: 180,
                render: (_: unknown, m) =>
                  m.doneOn ? (
                    <Space size={4}>
                      <CheckCircleTwoTone twoToneColor="#2e8b57" />
                      {t('milestone.doneOn', { date: m.doneOn })}
                    </Space>
                  ) : m.dueOn < today ? (
                    <Tag color="error">{t('milestone.overdue')}</Tag>
                  ) : (
                    <Space size={4}>
                      <ClockCircleOutlined />
                      {t('milestone.open')}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
