import { Input, Select, Space, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { ROLES, type Role } from '../../../../shared/roles';
import { useT } from '../../../i18n/I18nProvider';
import { toTreeSelect } from '../../../lib/tree';
import type { UserQuery } from '../api';
import type { Unit } from '../../../../shared/api/units';

type Filters = Omit<UserQuery, 'page' | 'pageSize'>;

export function UserFilters({ value, onChange, units }: { value: Filters; onChange: (v: Filters) => void; units?: Unit[] }) {
  const t = useT();
  const unitOptions = useMemo(() => (units ? toTreeSelect(units) : []), [units]);
  return (
    <Space wrap className="filter-bar">
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        className="filter-bar__search"
        data-testid="user-search"
      />
      {units && (
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          placeholder={t('users.allUnits')}
          value={value.unitId}
          onChange={(unitId?: number) => onChange({ ...value, unitId })}
          treeData={unitOptions}
          className="filter-bar__unit"
          popupMatchSelectWidth={360}
        />
      )}
      <Select<Role>
        allowClear
        placeholder={t('users.allRoles')}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as const) }))}
        className="filter-bar__select"
      />
      <Select<'true' | 'false'>
        allowClear
        placeholder={t('users.allStatuses')}
        value={value.enabled}
        onChange={(enabled) => onChange({ ...value, enabled })}
        options={[
          { value: 'true', label: t('status.enabled') },
          { value: 'false', label: t('status.disabled') },
        ]}
        className="filter-bar__select-sm"
      />
    </Space>
  );
}
