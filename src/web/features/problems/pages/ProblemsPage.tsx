import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { ImportLedgerButton } from '../../imports/components/ImportLedgerButton';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useLedger } from '../api';
import { LedgerFilterBar } from '../ledger/LedgerFilterBar';
import { ColumnChooser, LedgerTable, useColumnChoice } from '../ledger/LedgerTable';
import { SavedFilters } from '../ledger/SavedFilters';
import { ExportMenu } from '../ledger/ExportMenu';
import { WarningSummary } from '../ledger/WarningSummary';
import { activeFilterCount, useLedgerState } from '../ledger/useLedgerState';

/** 问题清单: the ledger of every problem this user may see, filtered, sorted and paged by the server. */
export function ProblemsPage() {
  const t = useT();
  const { can } = useSession();
  const state = useLedgerState();
  const ledger = useLedger(state.query);
  const [hidden, setHidden] = useColumnChoice();
  const readOnly = !can('problem.register');
  return (
    <>
      <PageHeader
        title={t('menu.problems')}
        description={t('ledger.description')}
        extra={
          <Space wrap>
            <ImportLedgerButton />
            {can('problem.register') && (
              <Link to="/problems/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="problem-create">
                  {t('problem.register')}
                </Button>
              </Link>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} className="full-width">
        {readOnly && can('settings.manage') && <Alert type="info" showIcon title={t('ledger.adminReadOnly')} />}
        <WarningSummary counts={ledger.data?.counts} total={ledger.data?.total} selected={state.filters.warning ?? []} onSelect={(warning) => state.setFilters({ ...state.filters, warning })} />
        <Card variant="borderless">
          <LedgerFilterBar
            filters={state.filters}
            onChange={state.setFilters}
            extra={
              <>
                <SavedFilters current={state.filterString} onApply={state.applyFilterString} />
                <ColumnChooser hidden={hidden} onChange={setHidden} />
                <ExportMenu filters={state.filters} />
              </>
            }
          />
          {ledger.isError && !ledger.data ? (
            <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} />
          ) : (
            <LedgerTable
              data={ledger.data}
              loading={ledger.isFetching}
              sort={state.query.sort}
              page={state.query.page}
              pageSize={state.query.pageSize}
              hidden={hidden}
              filtered={activeFilterCount(state.filters) > 0}
              onSort={state.setSort}
              onPage={state.setPage}
            />
          )}
        </Card>
      </Space>
    </>
  );
}
