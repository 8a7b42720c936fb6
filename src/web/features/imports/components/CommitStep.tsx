import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Progress, Result, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useCommitImport, type ImportView } from '../api';

interface Props {
  view: ImportView;
  changed: boolean;
  onAgain: () => void;
  onBack: () => void;
}

/** 4 导入: start the all-or-nothing write (only without errors), follow its progress, and see what was written. */
export function CommitStep({ view, changed, onAgain, onBack }: Props) {
  const t = useT();
  const { modal } = App.useApp();
  const commit = useCommitImport(view.id);
  const summary = view.summary;

  if (view.status === 'committed' && view.result) {
    const { created, updated, codes } = view.result;
    return (
      <Card variant="borderless" data-testid="import-done">
        <Result
          status="success"
          title={t('imports.done')}
          subTitle={t('imports.doneSummary', { created, updated })}
          extra={[
            <Link key="ledger" to="/problems">
              <Button type="primary" data-testid="import-to-ledger">
                {t('imports.toLedger')}
              </Button>
            </Link>,
            <Button key="again" onClick={onAgain} data-testid="import-again">
              {t('imports.again')}
            </Button>,
          ]}
        >
          {codes.length > 0 && (
            <div className="import-codes" data-testid="import-codes">
              <Typography.Text type="secondary">{t('imports.codes', { n: codes.length })}</Typography.Text>
              <Flex gap={6} wrap className="mt-8">
                {codes.map((code) => (
                  <Tag key={code} className="mono">
                    {code}
                  </Tag>
                ))}
              </Flex>
            </div>
          )}
        </Result>
      </Card>
    );
  }

  if (view.status === 'committing') {
    const progress = view.progress;
    const percent = progress && progress.total ? Math.floor((progress.done / progress.total) * 100) : 0;
    return (
      <Card variant="borderless" data-testid="import-committing">
        <Space orientation="vertical" size={12} className="full-width">
          <Typography.Title level={5} className="import-step-title">
            {t('imports.committing')}
          </Typography.Title>
          <Progress percent={percent} status="active" data-testid="import-progress" />
          {progress && <Typography.Text>{t('imports.progress', { done: progress.done, total: progress.total })}</Typography.Text>}
          <Typography.Text type="secondary">{t('imports.committingHelp')}</Typography.Text>
        </Space>
      </Card>
    );
  }

  const start = () =>
    modal.confirm({
      title: t('imports.confirmTitle'),
      content: t('imports.confirmBody', { create: summary?.create ?? 0, update: summary?.update ?? 0 }),
      okText: t('imports.confirmOk'),
      cancelText: t('common.cancel'),
      onOk: () => commit.mutateAsync(view.version).catch(() => undefined),
    });

  const rows = summary ? summary.create + summary.update : 0;
  const blocked = view.status === 'failed'
    ? t('imports.blockedFailed')
    : !summary
      ? t('imports.blockedNoHeader')
      : summary.errors > 0
        ? t('imports.blockedErrors', { n: summary.errors })
        : changed
          ? t('imports.blockedStale')
          : rows === 0
            ? t('imports.blockedEmpty')
            : null;

  return (
    <Card variant="borderless" data-testid="import-commit-step">
      <Space orientation="vertical" size={16} className="full-width">
        <Typography.Title level={5} className="import-step-title">
          {t('imports.ready', { name: view.fileName })}
        </Typography.Title>
        {view.error && (
          <Alert type="error" showIcon title={t('imports.failed')} description={view.error} data-testid="import-failed" />
        )}
        {summary && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, md: 4 }}
            items={[
              { key: 'create', label: t('imports.willCreate'), children: summary.create },
              { key: 'update', label: t('imports.willUpdate'), children: summary.update },
              { key: 'skip', label: t('imports.skipped'), children: summary.skip },
              { key: 'invalid', label: t('imports.invalidRows'), children: summary.invalid },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary">{t('imports.readyHelp')}</Typography.Paragraph>
        {blocked && <Alert type="warning" showIcon title={blocked} data-testid="import-blocked" />}
        <ServerErrorAlert error={commit.error} />
        <Flex gap={8} wrap>
          <Button onClick={onBack}>{t('imports.backToCheck')}</Button>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!!blocked} loading={commit.isPending} onClick={start} data-testid="import-commit">
            {t('imports.start')}
          </Button>
        </Flex>
      </Space>
    </Card>
  );
}
