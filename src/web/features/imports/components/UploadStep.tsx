import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { ServerErrorAlert } from '../../../components/ServerError';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';
import { formatDateTime } from '../../../lib/format';
import { MAX_IMPORT_MB, useImportList, useUploadImport, type ImportListItem, type ImportStatus, type ImportView } from '../api';

const STATUS_COLORS: Record<ImportStatus, string> = { analyzed: 'blue', committing: 'processing', committed: 'green', failed: 'red' };

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Tag>
  );
}

const RECOGNISED: UiKey[] = [
  'imports.recognised.header',
  'imports.recognised.names',
  'imports.recognised.merged',
  'imports.recognised.sheets',
  'imports.recognised.deadline',
  'imports.recognised.units',
  'imports.recognised.skipped',
  'imports.recognised.update',
];

/** 1 上传文件: drop a ledger (checked at once, nothing written), see what is understood, or resume a recent import. */
export function UploadStep({
  onUploaded,
  onOpen,
  templateButton,
}: {
  onUploaded: (view: ImportView) => void;
  onOpen: (item: ImportListItem) => void;
  /** 下载导入模板, for those starting from an empty ledger. */
  templateButton: ReactNode;
}) {
  const t = useT();
  const upload = useUploadImport();
  const list = useImportList();
  const [refused, setRefused] = useState<string | null>(null);

  const choose = (file: File) => {
    setRefused(null);
    upload.reset();
    if (!/\.(xlsx|csv)$/i.test(file.name)) setRefused(t('imports.wrongType'));
    else if (file.size > MAX_IMPORT_MB * 1024 * 1024) setRefused(t('imports.tooLarge', { max: MAX_IMPORT_MB }));
    else upload.mutate(file, { onSuccess: onUploaded });
    return false;
  };

  const outcome = (item: ImportListItem) => {
    if (item.result) return t('imports.outcome.committed', { created: item.result.created, updated: item.result.updated });
    if (!item.summary) return t('imports.outcome.noHeader');
    return t('imports.outcome.checked', { ok: item.summary.create + item.summary.update, errors: item.summary.errors });
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card variant="borderless" data-testid="import-upload">
          <Spin spinning={upload.isPending} description={t('imports.uploading')}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={choose}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.drop')}</p>
              <p className="ant-upload-hint">{t('imports.dropHint', { max: MAX_IMPORT_MB })}</p>
            </Upload.Dragger>
          </Spin>
          <Flex align="center" wrap className="mt-8">
            <Typography.Text type="secondary">{t('imports.templateHint')}</Typography.Text>
            {templateButton}
          </Flex>
          {refused && <Alert className="mt-16" type="error" showIcon title={refused} data-testid="import-refused" />}
          <div className="mt-16">
            <ServerErrorAlert error={upload.error} />
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card variant="borderless" title={t('imports.recognised')} size="small" data-testid="import-recognised">
          <ul className="import-recognised">
            {RECOGNISED.map((key) => (
              <li key={key}>
                <CheckCircleOutlined className="import-recognised__icon" />
                <Typography.Text>{t(key)}</Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      </Col>
      <Col span={24}>
        <Card variant="borderless" title={t('imports.recent')} size="small">
          {list.isError && !list.data ? (
            <LoadError error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<ImportListItem>
              rowKey="id"
              size="small"
              loading={list.isLoading}
              dataSource={list.data ?? []}
              pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.recentEmpty')} /> }}
              data-testid="import-recent"
              columns={[
                { key: 'file', title: t('imports.fileName'), dataIndex: 'fileName', ellipsis: true },
                { key: 'at', title: t('imports.uploadedAt'), width: 150, render: (_v, item) => formatDateTime(item.createdAt) },
                { key: 'status', title: t('imports.statusCol'), width: 110, render: (_v, item) => <ImportStatusTag status={item.status} /> },
                { key: 'outcome', title: t('imports.outcome'), width: 190, render: (_v, item) => outcome(item) },
                {
                  key: 'open',
                  title: t('common.actions'),
                  width: 90,
                  render: (_v, item) => (
                    <Button type="link" size="small" onClick={() => onOpen(item)}>
                      {item.status === 'analyzed' || item.status === 'failed' ? t('imports.resume') : t('imports.view')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
