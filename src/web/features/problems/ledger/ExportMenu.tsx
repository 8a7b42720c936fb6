import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { errorMessage, type Query } from '../../../api/client';
import { downloadFile } from '../../../api/download';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import type { LedgerFilters } from '../api';
import { activeFilterCount } from './useLedgerState';

type ExportKey = 'ledger' | 'summary:unit' | 'summary:source' | 'summary:status' | 'overdue' | 'closed';

const PATHS: Record<ExportKey, { path: string; extra?: Query; fallback: string }> = {
  ledger: { path: '/exports/ledger.xlsx', fallback: 'ledger.xlsx' },
  'summary:unit': { path: '/exports/summary.xlsx', extra: { by: 'unit' }, fallback: 'summary.xlsx' },
  'summary:source': { path: '/exports/summary.xlsx', extra: { by: 'source' }, fallback: 'summary.xlsx' },
  'summary:status': { path: '/exports/summary.xlsx', extra: { by: 'status' }, fallback: 'summary.xlsx' },
  overdue: { path: '/exports/overdue.xlsx', fallback: 'overdue.xlsx' },
  closed: { path: '/exports/closed.xlsx', fallback: 'closed.xlsx' },
};

/** The ledger's filters as the export endpoints take them (the same query as the list, lists comma-separated). */
const filterQuery = (filters: LedgerFilters): Query =>
  Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, Array.isArray(v) ? (v.length ? v.join(',') : undefined) : (v as string | number | undefined)]));

/**
 * 导出: the ledger as filtered on screen, and the report layouts (汇总表, 逾期, 已销号) over the same filters. Each item
 * shows only with its permission; a refusal (e.g. too many rows) is shown as a message.
 */
export function ExportMenu({ filters }: { filters: LedgerFilters }) {
  const t = useT();
  const { lang } = useLanguage();
  const { can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const canLedger = can('ledger.export');
  const canReports = can('report.read');
  if (!canLedger && !canReports) return null;

  const run = async (key: ExportKey) => {
    const target = PATHS[key];
    setBusy(true);
    const hide = message.loading(t('export.preparing'), 0);
    try {
      const { fileName: name } = await downloadFile(target.path, { ...filterQuery(filters), ...target.extra }, lang, target.fallback);
      message.success(t('export.done', { name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      hide();
      setBusy(false);
    }
  };

  const exports: NonNullable<MenuProps['items']> = [
    ...(canLedger ? [{ key: 'ledger', label: t('export.ledger') }] : []),
    ...(canLedger && canReports ? [{ type: 'divider' as const }] : []),
    ...(canReports
      ? [
          {
            key: 'summary',
            label: t('export.summary'),
            children: [
              { key: 'summary:unit', label: t('export.summaryByUnit') },
              { key: 'summary:source', label: t('export.summaryBySource') },
              { key: 'summary:status', label: t('export.summaryByStatus') },
            ],
          },
          { key: 'overdue', label: t('export.overdue') },
          { key: 'closed', label: t('export.closed') },
        ]
      : []),
  ];
  // The report layouts follow the filters too, which their names do not say: say it once above them all.
  const active = activeFilterCount(filters);
  const items: MenuProps['items'] = active ? [{ type: 'group', key: 'filtered', label: t('export.filteredNote', { n: active }), children: exports }] : exports;

  return (
    <Dropdown
      trigger={['click']}
      disabled={busy}
      menu={{ items, onClick: ({ key }) => void run(key as ExportKey) }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} title={t('export.filtersApply')} data-testid="ledger-export">
        {t('export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
