import { App, Button, Drawer, Form, Grid, Input, Select, Space, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/roles';
import { ServerErrorAlert, applyServerErrors } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { toTreeSelect } from '../../../lib/tree';
import { useCreateUnit, useRegionChoices, useUpdateUnit, type Unit } from '../api';

/** New unit (optionally under a parent), or edit an existing one. Moving has its own dialog. */
export type UnitDialog = { mode: 'create'; parent: Unit | null } | { mode: 'edit'; unit: Unit };

interface Values {
  name: string;
  shortName?: string;
  kind: UnitKind;
  regionId: number;
  parentId?: number;
  uscc?: string;
  contactPhone?: string;
}

const FIELDS = ['name', 'shortName', 'kind', 'regionId', 'parentId', 'uscc', 'contactPhone'] as const;
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export function UnitFormDrawer({ dialog, units, onClose }: { dialog: UnitDialog | null; units: Unit[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const regions = useRegionChoices();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const mutation = dialog?.mode === 'edit' ? update : create;

  useEffect(() => {
    if (!dialog) return;
    create.reset();
    update.reset();
    form.resetFields();
    if (dialog.mode === 'edit') {
      const u = dialog.unit;
      form.setFieldsValue({ ...u, shortName: u.shortName ?? '', uscc: u.uscc ?? '', contactPhone: u.contactPhone ?? '', parentId: u.parentId ?? undefined });
    } else if (dialog.parent) {
      form.setFieldsValue({ parentId: dialog.parent.id, regionId: dialog.parent.regionId });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog]);

  const regionOptions = useMemo(() => toTreeSelect(regions.data ?? []), [regions.data]);
  const parentOptions = useMemo(() => toTreeSelect(units, (u) => !u.enabled), [units]);

  const submit = (v: Values) => {
    const body = {
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      kind: v.kind,
      regionId: v.regionId,
      uscc: blankToNull(v.uscc)?.toUpperCase() ?? null,
      contactPhone: blankToNull(v.contactPhone),
    };
    const callbacks = {
      onSuccess: () => {
        message.success(dialog?.mode === 'edit' ? t('common.saved') : t('units.created', { name: body.name }));
        onClose();
      },
      onError: (e: unknown) => applyServerErrors(form, e, FIELDS),
    };
    if (dialog?.mode === 'edit') update.mutate({ ...body, id: dialog.unit.id, version: dialog.unit.version }, callbacks);
    else create.mutate({ ...body, parentId: v.parentId ?? null }, callbacks);
  };

  return (
    <Drawer
      open={!!dialog}
      onClose={onClose}
      title={dialog?.mode === 'edit' ? t('units.edit') : t('units.create')}
      size={screens.sm ? 520 : '100%'}
      forceRender
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="unit-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="unit-form" scrollToFirstError>
        <Form.Item name="name" label={t('field.unitName')} rules={[{ required: true, whitespace: true, message: t('validate.unitName') }, { max: 100 }]}>
          <Input maxLength={100} placeholder={t('placeholder.unitName')} />
        </Form.Item>
        <Form.Item name="shortName" label={t('field.shortName')} rules={[{ max: 40 }]}>
          <Input maxLength={40} placeholder={t('placeholder.shortName')} />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('validate.kind') }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}` as const) }))} placeholder={t('placeholder.choose')} />
        </Form.Item>
        {dialog?.mode !== 'edit' && (
          <Form.Item name="parentId" label={t('field.parentUnit')} extra={t('units.parentHelp')}>
            <TreeSelect
              treeData={parentOptions}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              placeholder={t('placeholder.topLevel')}
              onChange={(id?: number) => {
                const parent = units.find((u) => u.id === id);
                if (parent && !form.getFieldValue('regionId')) form.setFieldValue('regionId', parent.regionId);
              }}
            />
          </Form.Item>
        )}
        <Form.Item name="regionId" label={t('field.region')} rules={[{ required: true, message: t('validate.region') }]}>
          <TreeSelect treeData={regionOptions} showSearch treeNodeFilterProp="title" treeDefaultExpandAll loading={regions.isPending} placeholder={t('placeholder.choose')} />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('field.uscc')}
          extra={t('units.usccHelp')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[
            { required: kind === 'enterprise', whitespace: true, message: t('validate.usccRequired') },
            { pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t('validate.uscc') },
          ]}
        >
          <Input maxLength={18} className="mono" placeholder={kind === 'enterprise' ? t('placeholder.uscc') : t('placeholder.optional')} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('validate.phone') }]}>
          <Input placeholder={t('placeholder.phone')} />
        </Form.Item>
        <ServerErrorAlert error={mutation.error} />
      </Form>
    </Drawer>
  );
}
