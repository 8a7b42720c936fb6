import { App, Form, Modal, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { subtreeIds, toTreeSelect } from '../../../lib/tree';
import { useUpdateRegion, type Region } from '../api';

/** Move a region (with everything below it) under another parent. */
export function MoveRegionModal({ region, regions, onClose }: { region: Region | null; regions: Region[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: number }>();
  const update = useUpdateRegion();
  useEffect(() => {
    if (region) {
      update.reset();
      form.setFieldsValue({ parentId: region.parentId ?? undefined });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region]);
  const options = useMemo(() => {
    if (!region) return [];
    const blocked = subtreeIds(regions, region.id);
    return toTreeSelect(regions, (r) => blocked.has(r.id) || !r.enabled);
  }, [region, regions]);

  return (
    <Modal
      open={!!region}
      title={t('regions.move')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.move')}
      confirmLoading={update.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('regions.moveHelp', { name: region?.name ?? '' })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={({ parentId }) =>
          region &&
          update.mutate(
            { id: region.id, parentId, version: region.version },
            {
              onSuccess: () => {
                message.success(t('common.moved'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="parentId" label={t('field.newParent')} rules={[{ required: true, message: t('validate.parent') }]}>
          <TreeSelect treeData={options} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder={t('placeholder.chooseParent')} />
        </Form.Item>
        <ServerErrorAlert error={update.error} />
      </Form>
    </Modal>
  );
}
