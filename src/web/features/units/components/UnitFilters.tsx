import { Input, Select, Space, Switch } from 'antd';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/roles';
import { useT } from '../../../i18n/I18nProvider';

export interface FilterState {
  q: string;
  kind?: UnitKind;
  showDisabled: boolean;
}

/** Search by name, short name or credit code; filter by kind; optionally show disabled units. */
export function UnitFilters({ value, onChange, allowDisabled }: { value: FilterState; onChange: (v: FilterState) => void; allowDisabled: boolean }) {
  const t = useT();
  return (
    <Space wrap className="filter-bar">
      <Input.Search
        allowClear
        placeholder={t('units.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() })}
        className="filter-bar__search"
        data-testid="unit-search"
      />
      <Select<UnitKind>
        allowClear
        placeholder={t('units.allKinds')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}` as const) }))}
        className="filter-bar__select"
      />
      {allowDisabled && (
        <Space size={6}>
          <Switch size="small" id="units-show-disabled" checked={value.showDisabled} onChange={(showDisabled) => onChange({ ...value, showDisabled })} />
          <label htmlFor="units-show-disabled">{t('common.showDisabled')}</label>
        </Space>
      )}
    </Space>
  );
}
