import { App, Button, Popconfirm, Space } from 'antd';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useUpdateUnit, type Unit } from '../api';

interface Props {
  unit: Unit;
  onEdit: () => void;
  onAddChild: () => void;
  onMove: () => void;
}

/** Units are never deleted: they are disabled, so history keeps pointing at them. */
export function UnitActions({ unit, onEdit, onAddChild, onMove }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateUnit();
  const toggle = () =>
    update.mutate(
      { id: unit.id, enabled: !unit.enabled, version: unit.version },
      {
        onSuccess: () => message.success(unit.enabled ? t('common.disabledDone') : t('common.enabledDone')),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button type="link" size="small" onClick={onAddChild} disabled={!unit.enabled}>
        {t('units.addChild')}
      </Button>
      <Button type="link" size="small" onClick={onMove}>
        {t('common.move')}
      </Button>
      <Popconfirm
        title={unit.enabled ? t('units.confirmDisable', { name: unit.name }) : t('units.confirmEnable', { name: unit.name })}
        description={unit.enabled ? t('units.disableHint') : undefined}
        onConfirm={toggle}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Button type="link" size="small" danger={unit.enabled} loading={update.isPending}>
          {unit.enabled ? t('common.disable') : t('common.enable')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
