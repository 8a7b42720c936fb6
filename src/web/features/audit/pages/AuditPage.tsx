import { Card } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useAudit, type AuditQuery } from '../api';
import { AuditFilters } from '../components/AuditFilters';
import { AuditTable } from '../components/AuditTable';
import { VerifyChainButton } from '../components/VerifyChainButton';

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

/** 审计日志: the append-only, hash-chained history of every change. */
export function AuditPage() {
  const t = useT();
  const { can } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const audit = useAudit({ ...filters, ...paging });
  return (
    <>
      <PageHeader title={t('menu.audit')} description={t('audit.description')} extra={<VerifyChainButton />} />
      <Card variant="borderless">
        <AuditFilters
          value={filters}
          canSearchActors={can('user.read')}
          onChange={(next) => {
            setFilters(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {audit.isError ? (
          <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <AuditTable
            data={audit.data}
            loading={audit.isFetching}
            {...paging}
            filtered={Object.values(filters).some((v) => v !== undefined)}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
          />
        )}
      </Card>
    </>
  );
}
