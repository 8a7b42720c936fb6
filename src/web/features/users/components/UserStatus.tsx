import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { UserSummary } from '../api';

/** Disabled, locked after failed sign-ins, or still on an initial password: each shows, plainly. */
export function UserStatus({ user }: { user: UserSummary }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      {user.enabled ? <Tag color="success">{t('status.enabled')}</Tag> : <Tag>{t('status.disabled')}</Tag>}
      {user.locked && (
        <Tooltip title={t('users.lockedHint')}>
          <Tag color="error">{t('status.locked')}</Tag>
        </Tooltip>
      )}
      {user.mustChangePassword && (
        <Tooltip title={t('users.mustChangeHint')}>
          <Tag color="warning">{t('status.mustChange')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
