import { Descriptions, Drawer, Grid } from 'antd';
import { EnabledTag, UnitKindTag } from '../../../components/labels';
import { useT } from '../../../i18n/I18nProvider';
import type { Unit } from '../api';

/** Read-only details of one unit, for people who may look but not change. */
export function UnitDetailDrawer({ unit, parentName, onClose }: { unit: Unit | null; parentName?: string; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open={!!unit} onClose={onClose} title={unit?.name} size={screens.sm ? 480 : '100%'}>
      {unit && (
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'name', label: t('field.unitName'), children: unit.name },
            { key: 'short', label: t('field.shortName'), children: unit.shortName ?? '—' },
            { key: 'kind', label: t('field.kind'), children: <UnitKindTag kind={unit.kind} /> },
            { key: 'parent', label: t('field.parentUnit'), children: parentName ?? '—' },
            { key: 'region', label: t('field.region'), children: unit.regionName },
            { key: 'uscc', label: t('field.uscc'), children: unit.uscc ?? '—' },
            { key: 'phone', label: t('field.contactPhone'), children: unit.contactPhone ?? '—' },
            { key: 'status', label: t('field.status'), children: <EnabledTag enabled={unit.enabled} /> },
          ]}
        />
      )}
    </Drawer>
  );
}
