import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useUnits, type Unit } from '../api';
import { MoveUnitModal } from '../components/MoveUnitModal';
import { UnitActions } from '../components/UnitActions';
import { UnitFilters, type FilterState } from '../components/UnitFilters';
import { UnitFormDrawer, type UnitDialog } from '../components/UnitFormDrawer';
import { UnitTable } from '../components/UnitTable';

/** 单位管理: the unit tree with search and kind filter; create, edit, move, disable/enable. */
export function UnitsAdminPage() {
  const t = useT();
  const [filters, setFilters] = useState<FilterState>({ q: '', showDisabled: true });
  const [dialog, setDialog] = useState<UnitDialog | null>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const everything = useUnits({ includeDisabled: true });
  const filtered = Boolean(filters.q || filters.kind);
  const shown = useUnits({ includeDisabled: true, q: filters.q || undefined, kind: filters.kind });
  const rows = useMemo(
    () => (filters.showDisabled ? shown.data : shown.data?.filter((u) => u.enabled)),
    [shown.data, filters.showDisabled],
  );
  return (
    <>
      <PageHeader
        title={t('menu.unitAdmin')}
        description={t('units.adminDescription')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parent: null })} data-testid="unit-create">
            {t('units.create')}
          </Button>
        }
      />
      <Card variant="borderless">
        <UnitFilters value={filters} onChange={setFilters} allowDisabled />
        {shown.isError ? (
          <LoadError error={shown.error} onRetry={() => void shown.refetch()} />
        ) : (
          <UnitTable
            units={rows}
            loading={shown.isFetching && !shown.data}
            filtered={filtered}
            actions={(u) => (
              <UnitActions
                unit={u}
                onEdit={() => setDialog({ mode: 'edit', unit: u })}
                onAddChild={() => setDialog({ mode: 'create', parent: u })}
                onMove={() => setMoving(u)}
              />
            )}
          />
        )}
      </Card>
      <UnitFormDrawer dialog={dialog} units={everything.data ?? []} onClose={() => setDialog(null)} />
      <MoveUnitModal unit={moving} units={everything.data ?? []} onClose={() => setMoving(null)} />
    </>
  );
}
