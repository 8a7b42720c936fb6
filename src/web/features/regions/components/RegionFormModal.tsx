import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useCreateRegion, useUpdateRegion, type Region } from '../api';

/** What the dialog is for: a new region under `parent` (null = top level), or renaming `region`. */
export type RegionDialog = { mode: 'create'; parent: Region | null } | { mode: 'rename'; region: Region };

interface Values {
  code: string;
  name: string;
}

export function RegionFormModal({ dialog, onClose }: { dialog: RegionDialog | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateRegion();
  const update = useUpdateRegion();
  const mutation = dialog?.mode === 'rename' ? update : create;

  useEffect(() => {
    if (!dialog) return;
    create.reset();
    update.reset();
    form.resetFields();
    if (dialog.mode === 'rename') form.setFieldsValue({ name: dialog.region.name });
    else if (dialog.parent) form.setFieldsValue({ code: dialog.parent.code });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog]);

  const submit = (v: Values) => {
    if (!dialog) return;
    const done = { onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      }, onError: (e: unknown) => applyServerErrors(form, e, ['code', 'name']) };
    if (dialog.mode === 'rename') update.mutate({ id: dialog.region.id, name: v.name, version: dialog.region.version }, done);
    else create.mutate({ code: v.code.trim(), name: v.name, parentId: dialog.parent?.id ?? null }, done);
  };

  const title = dialog?.mode === 'rename' ? t('regions.rename') : t('regions.create');
  return (
    <Modal
      open={!!dialog}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={mutation.isPending}
      forceRender
    >
      {dialog?.mode === 'create' && (
        <Typography.Paragraph type="secondary">
          {dialog.parent ? t('regions.createUnder', { parent: `${dialog.parent.name}（${dialog.parent.code}）` }) : t('regions.createTop')}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="region-form">
        {dialog?.mode === 'create' && (
          <Form.Item
            name="code"
            label={t('field.regionCode')}
            extra={t('regions.codeHelp')}
            rules={[
              { required: true, message: t('validate.regionCode') },
              { pattern: /^\d{6}(\d{3})?(\d{3})?$/, message: t('validate.regionCode') },
            ]}
          >
            <Input maxLength={12} inputMode="numeric" className="mono" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.regionName')} rules={[{ required: true, whitespace: true, message: t('validate.name') }, { max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <ServerErrorAlert error={mutation.error} />
      </Form>
    </Modal>
  );
}
