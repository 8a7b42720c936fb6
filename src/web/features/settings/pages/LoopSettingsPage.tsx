import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { ServerErrorAlert, applyNestedServerErrors } from '../../../components/ServerError';
import { LoadError, PageLoading } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useLoopSettings, type LoopSettings } from '../../problems/api';

const FIELDS = ['ackWorkingDays', 'noticeDays', 'yellowWithinWorkingDays', 'severeAfterWorkingDays', 'immediateWorkingDays', 'reportCadence', 'codePattern'];

/** 整改参数: the closed loop's time limits, warning thresholds, report cadence and problem code pattern (admin). */
export function LoopSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useLoopSettings();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoopSettings>();
  const save = useMutation({
    mutationFn: (body: LoopSettings) => api.put<LoopSettings>('/settings/loop', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings', 'loop'], saved);
      message.success(t('common.saved'));
    },
    onError: (e) => applyNestedServerErrors(form, e, FIELDS),
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.isPending) return <PageLoading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const days = (name: keyof LoopSettings, label: Parameters<typeof t>[0], help: Parameters<typeof t>[0], max: number, suffix: Parameters<typeof t>[0]) => (
    <Col xs={24} md={12} xl={8}>
      <Form.Item name={name} label={t(label)} extra={t(help)} rules={[{ required: true, type: 'number', min: name === 'yellowWithinWorkingDays' ? 0 : 1, max }]}>
        <InputNumber min={name === 'yellowWithinWorkingDays' ? 0 : 1} max={max} suffix={t(suffix)} className="full-width" />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <PageHeader title={t('menu.loopSettings')} description={t('settings.description')} />
      <Card variant="borderless">
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={settings.data} data-testid="loop-settings-form">
          <Row gutter={16}>
            {days('ackWorkingDays', 'settings.ackWorkingDays', 'settings.ackHelp', 30, 'settings.workingDays')}
            {days('immediateWorkingDays', 'settings.immediateWorkingDays', 'settings.immediateHelp', 60, 'settings.workingDays')}
            {days('noticeDays', 'settings.noticeDays', 'settings.noticeHelp', 60, 'settings.calendarDays')}
            {days('yellowWithinWorkingDays', 'settings.yellowWithin', 'settings.yellowHelp', 60, 'settings.workingDays')}
            {days('severeAfterWorkingDays', 'settings.severeAfter', 'settings.severeHelp', 250, 'settings.workingDays')}
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('settings.reportCadence')} extra={t('settings.reportHelp')} required>
                <Space.Compact className="full-width">
                  <Form.Item name={['reportCadence', 'every']} noStyle rules={[{ required: true, type: 'number', min: 1, max: 90 }]}>
                    <InputNumber min={1} max={90} style={{ width: '40%' }} aria-label={t('settings.reportCadence')} />
                  </Form.Item>
                  <Form.Item name={['reportCadence', 'unit']} noStyle>
                    <Select
                      style={{ width: '60%' }}
                      options={[
                        { value: 'working_days', label: t('settings.workingDays') },
                        { value: 'days', label: t('settings.calendarDays') },
                        { value: 'months', label: t('settings.months') },
                      ]}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="codePattern" label={t('settings.codePattern')} extra={t('settings.codeHelp')} rules={[{ required: true, pattern: /\{seq(:\d)?\}/, message: t('settings.codeInvalid') }]}>
                <Input className="mono" maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">{t('settings.applies')}</Typography.Paragraph>
          <ServerErrorAlert error={save.error} />
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="loop-settings-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
