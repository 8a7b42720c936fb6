import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { PasswordPolicy, passwordRules } from '../../../components/PasswordPolicy';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useResetPassword, type UserSummary } from '../api';
import { generatePassword } from './generatePassword';

/** Set a temporary password; the user must change it at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [visible, setVisible] = useState(false);
  const reset = useResetPassword();
  useEffect(() => {
    if (!user) return;
    reset.reset();
    form.resetFields();
    setVisible(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);
  const submit = ({ newPassword }: { newPassword: string }) =>
    user &&
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          message.success(t('users.passwordReset', { name: user.displayName }));
          onClose();
        },
        onError: (e) => applyServerErrors(form, e, ['newPassword']),
      },
    );
  return (
    <Modal
      open={!!user}
      title={t('users.resetPassword')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      confirmLoading={reset.isPending}
      forceRender
    >
      <Typography.Paragraph>{t('users.resetHelp', { name: user?.displayName ?? '', username: user?.username ?? '' })}</Typography.Paragraph>
      <PasswordPolicy />
      <Form form={form} layout="vertical" onFinish={submit} className="mt-16" autoComplete="off">
        <Form.Item label={t('password.new')} required>
          <Space.Compact className="full-width">
            <Form.Item name="newPassword" noStyle rules={passwordRules(t)}>
              <Input.Password autoComplete="new-password" visibilityToggle={{ visible, onVisibleChange: setVisible }} />
            </Form.Item>
            <Button
              onClick={() => {
                form.setFieldsValue({ newPassword: generatePassword() });
                setVisible(true);
              }}
            >
              {t('users.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <ServerErrorAlert error={reset.error} />
      </Form>
    </Modal>
  );
}
