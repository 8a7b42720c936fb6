import { App, Button, Drawer, Form, Grid, Input, Select, Space, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Unit } from '../../../../shared/api/units';
import { ROLES, type Role } from '../../../../shared/roles';
import { PasswordPolicy, passwordRules } from '../../../components/PasswordPolicy';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { toTreeSelect } from '../../../lib/tree';
import { useCreateUser, useUpdateUser, type UserSummary } from '../api';
import { generatePassword } from './generatePassword';

interface Values {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password: string;
  phone?: string;
  email?: string;
}

const FIELDS = ['username', 'displayName', 'unitId', 'roles', 'password', 'phone', 'email'] as const;
const blankToNull = (s?: string) => (s?.trim() ? s.trim() : null);

/** Create an account (with an initial password), or edit one: name, unit, roles, contacts. */
export function UserFormDrawer({ user, open, units, onClose }: { user: UserSummary | null; open: boolean; units: Unit[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const [showPassword, setShowPassword] = useState(false);
  const unitOptions = useMemo(() => toTreeSelect(units, (u) => !u.enabled), [units]);

  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    form.resetFields();
    setShowPassword(false);
    if (user) form.setFieldsValue({ ...user, phone: user.phone ?? '', email: user.email ?? '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, user]);

  const submit = (v: Values) => {
    const common = { displayName: v.displayName.trim(), unitId: v.unitId, roles: v.roles, phone: blankToNull(v.phone), email: blankToNull(v.email) };
    const callbacks = {
      onSuccess: () => {
        message.success(user ? t('common.saved') : t('users.created', { username: v.username }));
        onClose();
      },
      onError: (e: unknown) => applyServerErrors(form, e, FIELDS),
    };
    if (user) update.mutate({ id: user.id, version: user.version, ...common }, callbacks);
    else create.mutate({ ...common, username: v.username.trim().toLowerCase(), password: v.password }, callbacks);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? t('users.edit', { name: user.displayName }) : t('users.create')}
      size={screens.sm ? 540 : '100%'}
      forceRender
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="user-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="user-form" scrollToFirstError autoComplete="off">
        {!user && (
          <Form.Item
            name="username"
            label={t('field.username')}
            extra={t('users.usernameHelp')}
            rules={[
              { required: true, message: t('validate.username') },
              { pattern: /^[a-zA-Z][a-zA-Z0-9._-]{2,31}$/, message: t('validate.username') },
            ]}
          >
            <Input maxLength={32} className="mono" placeholder="zhang.san" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, whitespace: true, message: t('validate.displayName') }, { max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="unitId" label={t('field.unit')} rules={[{ required: true, message: t('validate.unit') }]}>
          <TreeSelect treeData={unitOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('placeholder.choose')} />
        </Form.Item>
        <Form.Item name="roles" label={t('field.roles')} rules={[{ required: true, message: t('validate.roles') }]} extra={t('users.rolesHelp')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as const) }))} placeholder={t('placeholder.choose')} />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('validate.phone') }]}>
          <Input placeholder={t('placeholder.phone')} />
        </Form.Item>
        <Form.Item name="email" label={t('field.email')} rules={[{ type: 'email', message: t('validate.email') }]}>
          <Input placeholder="name@example.gov.cn" />
        </Form.Item>
        {!user && (
          <>
            <PasswordPolicy />
            <Form.Item label={t('users.initialPassword')} extra={t('users.initialPasswordHelp')} className="mt-16" required>
              <Space.Compact className="full-width">
                <Form.Item name="password" noStyle rules={passwordRules(t)}>
                  <Input.Password autoComplete="new-password" visibilityToggle={{ visible: showPassword, onVisibleChange: setShowPassword }} />
                </Form.Item>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ password: generatePassword() });
                    setShowPassword(true);
                    void form.validateFields(['password']);
                  }}
                >
                  {t('users.generate')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        )}
        <ServerErrorAlert error={mutation.error} />
      </Form>
    </Drawer>
  );
}
