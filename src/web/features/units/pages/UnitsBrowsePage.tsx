import { Card } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useUnits, type Unit } from '../api';
import { UnitDetailDrawer } from '../components/UnitDetailDrawer';
import { UnitFilters, type FilterState } from '../components/UnitFilters';
import { UnitTable } from '../components/UnitTable';

/** 单位: the units this user may see, read-only. */
export function UnitsBrowsePage() {
  const t = useT();
  const [filters, setFilters] = useState<FilterState>({ q: '', showDisabled: false });
  const [open, setOpen] = useState<Unit | null>(null);
  const units = useUnits({ q: filters.q || undefined, kind: filters.kind });
  const parentName = open?.parentId ? units.data?.find((u) => u.id === open.parentId)?.name : undefined;
  return (
    <>
      <PageHeader title={t('menu.units')} description={t('units.browseDescription')} />
      <Card variant="borderless">
        <UnitFilters value={filters} onChange={setFilters} allowDisabled={false} />
        {units.isError ? (
          <LoadError error={units.error} onRetry={() => void units.refetch()} />
        ) : (
          <UnitTable units={units.data} loading={units.isFetching && !units.data} filtered={Boolean(filters.q || filters.kind)} onOpen={setOpen} />
        )}
      </Card>
      <UnitDetailDrawer unit={open} parentName={parentName} onClose={() => setOpen(null)} />
    </>
  );
}
