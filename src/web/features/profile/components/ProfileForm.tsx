import { App, Button, Form, Input, Radio } from 'antd';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { useMe } from '../../../session/SessionProvider';
import { useUpdateProfile, type ProfileValues } from '../api';

const FIELDS = ['displayName', 'phone', 'email', 'language'] as const;

export function ProfileForm() {
  const t = useT();
  const me = useMe();
  const { setLang } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateProfile();
  const submit = (values: ProfileValues) =>
    update.mutate(values, {
      onSuccess: (saved) => {
        setLang(saved.language);
        message.success(t('profile.saved'));
      },
      onError: (e) => applyServerErrors(form, e, FIELDS),
    });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ displayName: me.displayName, phone: me.phone ?? '', email: me.email ?? '', language: me.language }}
      onFinish={submit}
      data-testid="profile-form"
    >
      <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, whitespace: true, message: t('validate.displayName') }, { max: 64 }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="phone" label={t('field.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('validate.phone') }]}>
        <Input placeholder={t('placeholder.phone')} />
      </Form.Item>
      <Form.Item name="email" label={t('field.email')} rules={[{ type: 'email', message: t('validate.email') }]}>
        <Input placeholder="name@example.gov.cn" />
      </Form.Item>
      <Form.Item name="language" label={t('field.language')}>
        <Radio.Group
          optionType="button"
          options={[
            { label: '简体中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </Form.Item>
      <ServerErrorAlert error={update.error} />
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
