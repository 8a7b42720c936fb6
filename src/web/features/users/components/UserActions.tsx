import { App, Button, Popconfirm, Space } from 'antd';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useUpdateUser, type UserSummary } from '../api';

interface Props {
  user: UserSummary;
  onEdit: () => void;
  onResetPassword: () => void;
}

export function UserActions({ user, onEdit, onResetPassword }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateUser();
  const run = (changes: { enabled?: boolean; unlock?: true }, done: string) =>
    update.mutate(
      { id: user.id, version: user.version, ...changes },
      { onSuccess: () => message.success(done), onError: (e) => message.error(errorMessage(e)) },
    );
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={onResetPassword}>
        {t('users.resetPassword')}
      </Button>
      {user.locked && (
        <Button type="link" size="small" onClick={() => run({ unlock: true }, t('users.unlocked'))}>
          {t('users.unlock')}
        </Button>
      )}
      <Popconfirm
        title={user.enabled ? t('users.confirmDisable', { name: user.displayName }) : t('users.confirmEnable', { name: user.displayName })}
        description={user.enabled ? t('users.disableHint') : undefined}
        onConfirm={() => run({ enabled: !user.enabled }, user.enabled ? t('common.disabledDone') : t('common.enabledDone'))}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Button type="link" size="small" danger={user.enabled}>
          {user.enabled ? t('common.disable') : t('common.enable')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
