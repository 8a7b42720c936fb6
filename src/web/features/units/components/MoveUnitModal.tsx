import { App, Form, Modal, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { subtreeIds, toTreeSelect } from '../../../lib/tree';
import { useUpdateUnit, type Unit } from '../api';

/** Put a unit (and the units below it) under another parent, or at the top level. */
export function MoveUnitModal({ unit, units, onClose }: { unit: Unit | null; units: Unit[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId?: number }>();
  const update = useUpdateUnit();
  useEffect(() => {
    if (unit) {
      update.reset();
      form.setFieldsValue({ parentId: unit.parentId ?? undefined });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unit]);
  const options = useMemo(() => {
    if (!unit) return [];
    const blocked = subtreeIds(units, unit.id);
    return toTreeSelect(units, (u) => blocked.has(u.id) || !u.enabled);
  }, [unit, units]);
  const submit = ({ parentId }: { parentId?: number }) =>
    unit &&
    update.mutate(
      { id: unit.id, parentId: parentId ?? null, version: unit.version },
      {
        onSuccess: () => {
          message.success(t('common.moved'));
          onClose();
        },
      },
    );
  return (
    <Modal open={!!unit} title={t('units.move')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.move')} confirmLoading={update.isPending} forceRender>
      <Typography.Paragraph type="secondary">{t('units.moveHelp', { name: unit?.name ?? '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="parentId" label={t('field.newParent')}>
          <TreeSelect treeData={options} allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('placeholder.topLevel')} />
        </Form.Item>
        <ServerErrorAlert error={update.error} />
      </Form>
    </Modal>
  );
}
