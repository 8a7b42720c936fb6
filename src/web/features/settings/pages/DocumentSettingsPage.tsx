import { App, Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isValidIssuerName, isValidNumberPrefix, ISSUER_NAME_MAX, NUMBER_PREFIX_MAX, normalizeSettingText } from '../../../../domain/reports/document-settings';
import { ApiError } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ServerErrorAlert } from '../../../components/ServerError';
import { LoadError, PageLoading } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { DOCUMENT_SETTINGS_KEY, saveDocumentSettings, useDocumentSettings, type DocumentSettingsInput } from '../api';

interface Values {
  issuerName?: string;
  numberPrefix?: string;
}

/** Which form field a refusal of the server belongs to (its stable error codes). */
const FIELD_OF_ERROR: Record<string, keyof Values> = { DOCUMENT_ISSUER_INVALID: 'issuerName', DOCUMENT_PREFIX_INVALID: 'numberPrefix' };

/**
 * 文书设置 (admin): the 发文机关名称 and the 机关代字 of the 文号 printed on supervision notices and bulletins, with a live
 * preview of the next number and what is used when a field is left empty.
 */
export function DocumentSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useDocumentSettings();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const typedName = Form.useWatch('issuerName', form);
  const typedPrefix = Form.useWatch('numberPrefix', form);
  const save = useMutation({
    mutationFn: (values: Values) => saveDocumentSettings({ issuerName: normalizeSettingText(values.issuerName), numberPrefix: normalizeSettingText(values.numberPrefix) } satisfies DocumentSettingsInput),
    onSuccess: (saved) => {
      queryClient.setQueryData(DOCUMENT_SETTINGS_KEY, saved);
      form.setFieldsValue({ issuerName: saved.issuerName ?? '', numberPrefix: saved.numberPrefix ?? '' });
      message.success(t('common.saved'));
    },
    onError: (e) => {
      const field = e instanceof ApiError ? FIELD_OF_ERROR[e.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [e.message] }]);
    },
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ issuerName: settings.data.issuerName ?? '', numberPrefix: settings.data.numberPrefix ?? '' });
  }, [settings.data, form]);
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const data = settings.data;

  // The preview follows what is typed; empty means the default.
  const name = normalizeSettingText(typedName);
  const prefix = normalizeSettingText(typedPrefix);
  const effectiveName = name ?? data.defaults.issuerName;
  const effectivePrefix = prefix ?? data.defaults.numberPrefix;
  const prefixOk = prefix === null || isValidNumberPrefix(prefix);
  const used = data.counters.find((c) => c.numberPrefix === effectivePrefix);
  const nextNumber = `${effectivePrefix}〔${data.year}〕${(used?.last ?? 0) + 1}号`;
  const defaultTag = <Tag>{t('docSettings.isDefault')}</Tag>;
  const rule = (valid: (v: string) => boolean, text: Parameters<typeof t>[0]) => ({
    validator: (_: unknown, value: string | undefined) => {
      const v = normalizeSettingText(value);
      return v === null || valid(v) ? Promise.resolve() : Promise.reject(new Error(t(text)));
    },
  });

  return (
    <>
      <PageHeader title={t('menu.documentSettings')} description={t('docSettings.description')} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card variant="borderless">
            <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="document-settings-form">
              <Form.Item
                name="issuerName"
                label={t('docSettings.issuerName')}
                extra={t('docSettings.issuerHelp', { name: data.defaults.issuerName })}
                rules={[rule(isValidIssuerName, 'docSettings.issuerInvalid')]}
              >
                <Input maxLength={ISSUER_NAME_MAX} showCount placeholder={data.defaults.issuerName} allowClear />
              </Form.Item>
              <Form.Item
                name="numberPrefix"
                label={t('docSettings.numberPrefix')}
                extra={t('docSettings.prefixHelp', { prefix: data.defaults.numberPrefix })}
                rules={[rule(isValidNumberPrefix, 'docSettings.prefixInvalid')]}
              >
                <Input maxLength={NUMBER_PREFIX_MAX} placeholder={data.defaults.numberPrefix} allowClear style={{ maxWidth: 240 }} />
              </Form.Item>
              <ServerErrorAlert error={save.error instanceof ApiError && FIELD_OF_ERROR[save.error.code] ? null : save.error} />
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="document-settings-save">
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('docSettings.preview')} data-testid="document-settings-preview">
            <Space orientation="vertical" className="full-width" size={12}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('docSettings.previewIssuer')}>
                  <Space size={4} wrap>
                    <Typography.Text strong>{effectiveName}</Typography.Text>
                    {name === null && defaultTag}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('docSettings.previewNumber')}>
                  {prefixOk ? (
                    <Space size={4} wrap>
                      <Typography.Text strong data-testid="document-number-preview">
                        {nextNumber}
                      </Typography.Text>
                      {prefix === null && defaultTag}
                    </Space>
                  ) : (
                    <Typography.Text type="danger">{t('docSettings.prefixInvalid')}</Typography.Text>
                  )}
                </Descriptions.Item>
              </Descriptions>
              {prefixOk && !used && <Alert type="info" showIcon title={t('docSettings.newSequence', { prefix: effectivePrefix })} />}
              <div>
                <Typography.Text type="secondary">{t('docSettings.counters')}</Typography.Text>
                {data.counters.length === 0 ? (
                  <Typography.Paragraph type="secondary">{t('docSettings.noCounters')}</Typography.Paragraph>
                ) : (
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {data.counters.map((c) => (
                      <li key={c.numberPrefix}>{t('docSettings.counterLine', { prefix: c.numberPrefix, year: data.year, last: c.last })}</li>
                    ))}
                  </ul>
                )}
              </div>
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}
