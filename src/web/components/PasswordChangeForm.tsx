import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Space } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { sessionApi } from '../session/api';
import { PasswordPolicy, passwordRules } from './PasswordPolicy';
import { ServerErrorAlert } from './ServerError';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password. Used by the profile page and by the forced change after sign-in. */
export function PasswordChangeForm({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => sessionApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      message.success(t('password.changed'));
      form.resetFields();
      onChanged?.();
    },
  });
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PasswordPolicy />
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} requiredMark="optional" autoComplete="off">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordRules(t)} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ServerErrorAlert error={mutation.error} />
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('password.submit')}
        </Button>
      </Form>
    </Space>
  );
}
