import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useUnitChoices, type UserSummary } from '../api';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserActions } from '../components/UserActions';
import { UserFilters } from '../components/UserFilters';
import { UserFormDrawer } from '../components/UserFormDrawer';
import { UserTable } from '../components/UserTable';
import { useUserList } from '../components/useUserList';

/** 用户管理: accounts, their units and roles; disable, unlock, reset password. */
export function UsersAdminPage() {
  const t = useT();
  const list = useUserList();
  const units = useUnitChoices();
  const [editing, setEditing] = useState<{ user: UserSummary | null } | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  return (
    <>
      <PageHeader
        title={t('menu.userAdmin')}
        description={t('users.adminDescription')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card variant="borderless">
        <UserFilters value={list.filters} onChange={list.setFilters} units={units.data} />
        {list.users.isError ? (
          <LoadError error={list.users.error} onRetry={() => void list.users.refetch()} />
        ) : (
          <UserTable
            data={list.users.data}
            loading={list.users.isFetching}
            {...list.paging}
            filtered={list.filtered}
            onPage={list.onPage}
            actions={(u) => <UserActions user={u} onEdit={() => setEditing({ user: u })} onResetPassword={() => setResetting(u)} />}
          />
        )}
      </Card>
      <UserFormDrawer open={!!editing} user={editing?.user ?? null} units={units.data ?? []} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
