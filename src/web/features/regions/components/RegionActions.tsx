import { App, Button, Popconfirm, Space } from 'antd';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useUpdateRegion, type Region } from '../api';

interface Props {
  region: Region;
  onAddChild: () => void;
  onRename: () => void;
  onMove: () => void;
}

/** Row actions. Villages are the bottom level, so they get no "add child". */
export function RegionActions({ region, onAddChild, onRename, onMove }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateRegion();
  const toggle = () =>
    update.mutate(
      { id: region.id, enabled: !region.enabled, version: region.version },
      {
        onSuccess: () => message.success(region.enabled ? t('common.disabledDone') : t('common.enabledDone')),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Space size={0} wrap>
      {region.level !== 'village' && (
        <Button type="link" size="small" onClick={onAddChild} disabled={!region.enabled}>
          {t('regions.addChild')}
        </Button>
      )}
      <Button type="link" size="small" onClick={onRename}>
        {t('regions.rename')}
      </Button>
      <Button type="link" size="small" onClick={onMove}>
        {t('common.move')}
      </Button>
      <Popconfirm
        title={region.enabled ? t('regions.confirmDisable', { name: region.name }) : t('regions.confirmEnable', { name: region.name })}
        description={region.enabled ? t('regions.disableHint') : undefined}
        onConfirm={toggle}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
      >
        <Button type="link" size="small" danger={region.enabled} loading={update.isPending}>
          {region.enabled ? t('common.disable') : t('common.enable')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
