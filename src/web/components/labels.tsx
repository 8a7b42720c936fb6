import { Tag } from 'antd';
import type { RegionLevel, Role, UnitKind } from '../../shared/roles';
import { useT } from '../i18n/I18nProvider';

const roleColors: Record<Role, string> = {
  admin: 'red',
  coordinator: 'blue',
  unit_handler: 'cyan',
  unit_head: 'geekblue',
  verifier: 'purple',
  leader: 'gold',
  grid_staff: 'green',
};

const kindColors: Record<UnitKind, string> = {
  party_gov_office: 'red',
  department: 'blue',
  town: 'green',
  enterprise: 'orange',
  inspection_office: 'purple',
  other: 'default',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  return (
    <span className="tag-list">
      {roles.map((role) => (
        <Tag key={role} color={roleColors[role]}>
          {t(`role.${role}` as const)}
        </Tag>
      ))}
    </span>
  );
}

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const t = useT();
  return <Tag color={kindColors[kind]}>{t(`unitKind.${kind}` as const)}</Tag>;
}

export function RegionLevelTag({ level }: { level: RegionLevel }) {
  const t = useT();
  return <Tag>{t(`regionLevel.${level}` as const)}</Tag>;
}

export function EnabledTag({ enabled }: { enabled: boolean }) {
  const t = useT();
  return enabled ? <Tag color="success">{t('status.enabled')}</Tag> : <Tag>{t('status.disabled')}</Tag>;
}
