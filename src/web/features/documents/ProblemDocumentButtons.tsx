import { DownloadOutlined, FileDoneOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession } from '../../session/SessionProvider';
import type { ProblemDetail } from '../problems/api';
import { downloadDocument, downloadIssued, issuedNoticesKey, useIssuedNotices, type IssuedDocument } from './api';

/** Statuses in which the problem is with its units and a supervision notice may be issued (as the server checks). */
const SUPERVISABLE = ['assigned', 'acknowledged', 'rectifying'];

/**
 * 文书 of one problem: 发督办通知单 for coordinators (numbered and recorded, so it asks first) and 销号申请表/验收表 for
 * everyone who may read the problem; the notices already issued are listed for everyone who may read the problem, each
 * downloadable again as issued (same file, same number), so a clerk re-downloads instead of issuing again.
 */
export function ProblemDocumentButtons({ problem }: { problem: ProblemDetail }) {
  const t = useT();
  const { lang } = useLanguage();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState<'notice' | 'form' | number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ replyBy?: Dayjs; note?: string }>();
  const issued = useIssuedNotices(problem.id).data ?? [];
  const mayIssue = can('document.issue') && SUPERVISABLE.includes(problem.status);
  const hasForm = problem.deadlineKind !== 'ongoing';
  if (!mayIssue && !hasForm && issued.length === 0) return null;

  const downloadAgain = async (doc: IssuedDocument) => {
    setBusy(doc.id);
    try {
      await downloadIssued(doc, lang);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const printForm = async () => {
    setBusy('form');
    try {
      await downloadDocument({ method: 'GET', path: `/problems/${problem.id}/documents/closing-form`, language: lang, fallbackName: `${problem.code}.docx` });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const issue = async (values: { replyBy?: Dayjs; note?: string }) => {
    setBusy('notice');
    setError(null);
    try {
      const { documentNumber } = await downloadDocument({
        method: 'POST',
        path: `/problems/${problem.id}/documents/supervision-notice`,
        body: { ...(values.replyBy ? { replyBy: values.replyBy.format('YYYY-MM-DD') } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
        csrfToken: me?.csrfToken,
        language: lang,
        fallbackName: `${problem.code}.docx`,
      });
      message.success(t('documents.noticeIssued', { number: documentNumber ?? '' }));
      setAsking(false);
      // The timeline shows the notice, and the list of issued notices holds it.
      void queryClient.invalidateQueries({ queryKey: ['problems', 'detail', problem.id] });
      void queryClient.invalidateQueries({ queryKey: issuedNoticesKey(problem.id) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const latest = issued[0];
  return (
    <Flex vertical align="flex-end" gap={4} data-testid="problem-documents">
      {(mayIssue || hasForm) && (
        <Space wrap>
          <Typography.Text type="secondary">{t('documents.label')}</Typography.Text>
          {mayIssue && (
            <Button icon={<FileWordOutlined />} onClick={() => setAsking(true)} loading={busy === 'notice'} data-testid="document-notice">
              {t('documents.notice')}
            </Button>
          )}
          {hasForm && (
            <Button icon={<FileDoneOutlined />} onClick={() => void printForm()} loading={busy === 'form'} data-testid="document-closing-form">
              {t('documents.closingForm')}
            </Button>
          )}
        </Space>
      )}
      {issued.length > 0 && (
        <Space wrap size={0} data-testid="issued-notices">
          <Typography.Text type="secondary">{t('documents.issued')}</Typography.Text>
          {issued.map((doc) => (
            <Tooltip key={doc.id} title={t('documents.issuedTip', { at: formatDateTime(doc.issuedAt), name: doc.issuedBy.name, replyBy: formatDate(doc.replyBy) })}>
              <Button type="link" size="small" icon={<DownloadOutlined />} loading={busy === doc.id} onClick={() => void downloadAgain(doc)} data-testid="issued-notice">
                {doc.documentNumber}
              </Button>
            </Tooltip>
          ))}
        </Space>
      )}
      <Modal
        open={asking}
        title={t('documents.noticeTitle', { code: problem.code })}
        okText={t(latest ? 'documents.issueNewAndDownload' : 'documents.issueAndDownload')}
        onOk={() => form.submit()}
        confirmLoading={busy === 'notice'}
        onCancel={() => {
          setAsking(false);
          setError(null);
        }}
        destroyOnHidden
      >
        <Space orientation="vertical" className="full-width" size={12}>
          {latest ? (
            <Alert
              type="warning"
              showIcon
              title={t('documents.alreadyIssued', { count: issued.length, number: latest.documentNumber })}
              description={t('documents.newNumberWarning')}
              data-testid="notice-reissue-warning"
            />
          ) : (
            <Alert type="info" showIcon title={t('documents.noticeHelp')} />
          )}
          <Form form={form} layout="vertical" onFinish={(v) => void issue(v)}>
            <Form.Item name="replyBy" label={t('documents.replyBy')} extra={t('documents.replyByHelp')}>
              <DatePicker className="full-width" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="note" label={t('documents.note')}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('placeholder.optional')} />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      </Modal>
    </Flex>
  );
}
