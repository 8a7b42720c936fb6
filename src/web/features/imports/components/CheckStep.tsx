import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Grid, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { LEDGER_COLUMN_BY_KEY } from '../../../../domain/ledger/columns';
import { importWorkbookCatalog } from '../../../../shared/i18n/import';
import { translate } from '../../../../shared/i18n/translate';
import { errorMessage } from '../../../api/client';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { downloadAnnotated, type ImportIssueView, type ImportView } from '../api';
import type { ImportDraft } from '../draft';
import { AliasList } from './AliasList';

type Filter = 'all' | 'error' | 'warning';
type PreviewRow = ImportView['preview'][number];
interface UnitChoice {
  id: number;
  name: string;
}

const UNIT_CODES = new Set(['unit_unknown', 'unit_ambiguous']);
/** The name as written in the file, when the issue is a unit ducha could not match (an alias fixes it). */
export const aliasNameOf = (issue: ImportIssueView): string | null =>
  UNIT_CODES.has(issue.code) && typeof issue.params.name === 'string' ? issue.params.name : null;

interface Props {
  view: ImportView;
  draft: ImportDraft;
  changed: boolean;
  units: UnitChoice[];
  unitName: (id: number) => string;
  busy: boolean;
  onAlias: (name: string, unitId: number) => void;
  /** Edit the draft (removing an alias). */
  onChange: (draft: ImportDraft) => void;
}

/** The suggestions are shown as buttons: take the sentence naming them off the hint. */
function fixWithoutSuggestions(issue: ImportIssueView, lang: 'zh-CN' | 'en'): string {
  if (!issue.suggestions.length) return issue.fix;
  const list = issue.suggestions.join(lang === 'en' ? ', ' : '、');
  const tail = (lang === 'en' ? '. ' : '。') + translate(importWorkbookCatalog, lang, 'import.suggestions', { list });
  return issue.fix.endsWith(tail) ? issue.fix.slice(0, -tail.length) : issue.fix;
}

function UnitFix({ issue, name, draft, units, unitName, busy, onAlias }: { issue: ImportIssueView; name: string } & Omit<Props, 'view' | 'changed' | 'onChange'>) {
  const t = useT();
  const chosen = draft.options.unitAliases[name];
  const byName = new Map(units.map((u) => [u.name, u.id]));
  if (chosen !== undefined) return <Tag color="green">{t('imports.aliasSet', { unit: unitName(chosen) })}</Tag>;
  const suggested = issue.suggestions.filter((s) => byName.has(s));
  return (
    <Flex gap={6} wrap align="center" className="mt-8">
      {suggested.length > 0 && <Typography.Text type="secondary">{t('imports.useSuggestion')}</Typography.Text>}
      {suggested.map((s) => (
        <Button
          key={s}
          size="small"
          disabled={busy}
          title={t('imports.useSuggestionTitle', { name, unit: s })}
          onClick={() => onAlias(name, byName.get(s)!)}
          data-testid="import-suggestion"
        >
          {s}
        </Button>
      ))}
      {units.length > 0 && (
        <Select<number>
          size="small"
          className="import-unit-select"
          placeholder={t('imports.otherUnit')}
          disabled={busy}
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          onChange={(id) => onAlias(name, id)}
          popupMatchSelectWidth={280}
          aria-label={t('imports.otherUnit')}
        />
      )}
    </Flex>
  );
}

/** 3 校验结果: what will happen to each row, every problem found with how to fix it, and the rows to be written. */
export function CheckStep(props: Props) {
  const { view, changed } = props;
  const t = useT();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [filter, setFilter] = useState<Filter>('all');
  const [downloading, setDownloading] = useState(false);
  const summary = view.summary;
  const issues = useMemo(() => (filter === 'all' ? view.issues : view.issues.filter((i) => i.severity === filter)), [view.issues, filter]);

  if (!summary) return <Alert type="warning" showIcon title={t('imports.noHeaderCheck')} data-testid="import-check-no-header" />;

  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadAnnotated(view.id, lang);
      message.success(t('export.done', { name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const stat = (title: string, value: number, tone: 'ok' | 'info' | 'muted' | 'bad', testId: string) => (
    <Col xs={12} md={6}>
      <Card variant="borderless" size="small" className={`import-stat import-stat--${tone}`} data-testid={testId}>
        <Statistic title={title} value={value} />
      </Card>
    </Col>
  );

  const fieldLabel = (issue: ImportIssueView) => {
    const field = issue.column ? LEDGER_COLUMN_BY_KEY[issue.column] : null;
    const name = field ? (lang === 'en' ? field.en : field.header) : t('imports.wholeRow');
    return issue.columnLetter ? `${issue.columnLetter} · ${name}` : name;
  };

  const severityTag = (i: ImportIssueView) => <Tag color={i.severity === 'error' ? 'red' : 'orange'}>{t(`imports.severity.${i.severity}`)}</Tag>;
  const fixCell = (i: ImportIssueView) => {
    const name = aliasNameOf(i);
    return (
      <>
        <Typography.Text type="secondary">{name ? fixWithoutSuggestions(i, lang) : i.fix}</Typography.Text>
        {name && <UnitFix issue={i} name={name} {...props} />}
      </>
    );
  };
  const issueColumns: TableColumnsType<ImportIssueView> = [
    { key: 'row', title: t('imports.issue.row'), dataIndex: 'row', width: 64 },
    { key: 'column', title: t('imports.issue.column'), width: 150, render: (_v, i) => fieldLabel(i) },
    { key: 'severity', title: t('imports.issue.severity'), width: 72, render: (_v, i) => severityTag(i) },
    { key: 'message', title: t('imports.issue.message'), dataIndex: 'message', width: '34%' },
    { key: 'fix', title: t('imports.issue.fix'), render: (_v, i) => fixCell(i) },
  ];
  // A phone: each problem as a small card (row and column, what is wrong, how to fix it).
  const phoneIssueColumns: TableColumnsType<ImportIssueView> = [
    {
      key: 'all',
      render: (_v, i) => (
        <div className="import-issue-card">
          <Flex gap={6} align="center" wrap>
            {severityTag(i)}
            <Typography.Text strong>{t('imports.issue.rowN', { row: i.row })}</Typography.Text>
            <Typography.Text type="secondary">{fieldLabel(i)}</Typography.Text>
          </Flex>
          <Typography.Text>{i.message}</Typography.Text>
          <div>{fixCell(i)}</div>
        </div>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="import-check-step">
      {changed && <Alert type="warning" showIcon title={t('imports.stale')} data-testid="import-stale" />}
      <Row gutter={[12, 12]}>
        {stat(t('imports.willCreate'), summary.create, 'ok', 'import-stat-create')}
        {stat(t('imports.willUpdate'), summary.update, 'info', 'import-stat-update')}
        {stat(t('imports.skipped'), summary.skip, 'muted', 'import-stat-skip')}
        {stat(t('imports.invalidRows'), summary.invalid, summary.invalid ? 'bad' : 'muted', 'import-stat-invalid')}
      </Row>
      {summary.errors > 0 ? (
        <Alert type="error" showIcon title={t('imports.hasErrors', { n: summary.errors })} data-testid="import-errors-alert" />
      ) : (
        <Alert
          type="success"
          showIcon
          title={summary.warnings ? t('imports.checkPassedWarnings', { n: summary.warnings }) : t('imports.checkPassed')}
          data-testid="import-passed"
        />
      )}
      {Object.keys(props.draft.options.unitAliases).length > 0 && (
        <Card variant="borderless" size="small">
          <AliasList draft={props.draft} onChange={props.onChange} unitName={props.unitName} />
        </Card>
      )}
      <Card variant="borderless" size="small">
        <Tabs
          items={[
            {
              key: 'issues',
              label: t('imports.tabIssues', { n: view.issuesTotal }),
              children: (
                <Space orientation="vertical" size={12} className="full-width">
                  <Flex justify="space-between" gap={8} wrap align="center">
                    <Segmented<Filter>
                      value={filter}
                      onChange={setFilter}
                      options={[
                        { value: 'all', label: t('imports.filter.all') },
                        { value: 'error', label: t('imports.filter.error', { n: summary.errors }) },
                        { value: 'warning', label: t('imports.filter.warning', { n: summary.warnings }) },
                      ]}
                      data-testid="import-issue-filter"
                    />
                    <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} title={t('imports.annotatedHelp')} data-testid="import-annotated">
                      {t('imports.annotated')}
                    </Button>
                  </Flex>
                  {view.issuesTotal > view.issues.length && (
                    <Typography.Text type="secondary">{t('imports.issuesCapped', { total: view.issuesTotal, shown: view.issues.length })}</Typography.Text>
                  )}
                  <Table<ImportIssueView>
                    rowKey={(i) => `${i.row}-${i.column ?? ''}-${i.code}-${String(i.params.name ?? i.params.value ?? '')}`}
                    size="small"
                    dataSource={issues}
                    pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.noIssues')} /> }}
                    rowClassName={(i) => (i.severity === 'error' ? 'import-issue--error' : '')}
                    data-testid="import-issues"
                    showHeader={!!screens.md}
                    tableLayout="fixed"
                    columns={screens.md ? issueColumns : phoneIssueColumns}
                  />
                </Space>
              ),
            },
            {
              key: 'preview',
              label: t('imports.tabPreview', { n: summary.create + summary.update }),
              children: (
                <Space orientation="vertical" size={8} className="full-width">
                  {summary.create + summary.update > view.preview.length && (
                    <Typography.Text type="secondary">{t('imports.previewCapped', { n: view.preview.length })}</Typography.Text>
                  )}
                  <PreviewTable rows={view.preview} phone={!screens.md} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function PreviewTable({ rows, phone }: { rows: PreviewRow[]; phone: boolean }) {
  const t = useT();
  const { lang } = useLanguage();
  const actionTag = (r: PreviewRow) => <Tag color={r.action === 'create' ? 'green' : 'blue'}>{t(`imports.action.${r.action}`)}</Tag>;
  const deadline = (r: PreviewRow) => (r.deadlineKind === 'date' ? r.deadline : t(`deadlineKind.${r.deadlineKind}` as 'deadlineKind.ongoing'));
  const units = (r: PreviewRow) => (
    <>
      <div>{r.leadUnitName ?? '—'}</div>
      {r.cooperatingUnitNames.length > 0 && (
        <Typography.Text type="secondary" className="small">
          {r.cooperatingUnitNames.join(lang === 'en' ? ', ' : '、')}
        </Typography.Text>
      )}
    </>
  );
  const phoneColumns: TableColumnsType<PreviewRow> = [
    {
      key: 'all',
      render: (_v, r) => (
        <div className="import-issue-card">
          <Flex gap={6} align="center" wrap>
            {actionTag(r)}
            <Typography.Text type="secondary">{t('imports.issue.rowN', { row: r.row })}</Typography.Text>
            <Typography.Text type="secondary">{r.regionName}</Typography.Text>
          </Flex>
          <Typography.Text strong>{r.title}</Typography.Text>
          <div>{units(r)}</div>
          <Typography.Text type="secondary">
            {deadline(r)} · {r.status}
          </Typography.Text>
        </div>
      ),
    },
  ];
  return (
    <Table<PreviewRow>
      rowKey="row"
      size="small"
      dataSource={rows}
      showHeader={!phone}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.previewEmpty')} /> }}
      data-testid="import-preview"
      columns={
        phone
          ? phoneColumns
          : [
              { key: 'row', title: t('imports.preview.row'), dataIndex: 'row', width: 56 },
              { key: 'action', title: t('imports.preview.action'), width: 72, render: (_v, r) => actionTag(r) },
              {
                key: 'code',
                title: t('imports.preview.code'),
                width: 150,
                render: (_v, r) => (r.code ? <span className="mono">{r.code}</span> : <Typography.Text type="secondary">{t('imports.preview.codeNew')}</Typography.Text>),
              },
              { key: 'title', title: t('imports.preview.title'), dataIndex: 'title' },
              { key: 'region', title: t('imports.preview.region'), dataIndex: 'regionName', width: 90 },
              { key: 'units', title: t('imports.preview.units'), width: 210, render: (_v, r) => units(r) },
              { key: 'deadline', title: t('imports.preview.deadline'), width: 104, render: (_v, r) => deadline(r) },
              { key: 'status', title: t('imports.preview.status'), dataIndex: 'status', width: 84 },
            ]
      }
    />
  );
}
