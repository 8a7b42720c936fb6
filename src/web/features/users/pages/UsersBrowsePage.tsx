import { Card } from 'antd';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useUnitChoices } from '../api';
import { UserFilters } from '../components/UserFilters';
import { UserTable } from '../components/UserTable';
import { useUserList } from '../components/useUserList';

/** 用户: the people this user may see, read-only (contact list of the units in scope). */
export function UsersBrowsePage() {
  const t = useT();
  const { can } = useSession();
  const list = useUserList();
  const units = useUnitChoices(can('unit.read'));
  return (
    <>
      <PageHeader title={t('menu.users')} description={t('users.browseDescription')} />
      <Card variant="borderless">
        <UserFilters value={list.filters} onChange={list.setFilters} units={units.data} />
        {list.users.isError ? (
          <LoadError error={list.users.error} onRetry={() => void list.users.refetch()} />
        ) : (
          <UserTable data={list.users.data} loading={list.users.isFetching} {...list.paging} filtered={list.filtered} onPage={list.onPage} />
        )}
      </Card>
    </>
  );
}
