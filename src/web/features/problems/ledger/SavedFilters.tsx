import { DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import { useStoredState } from '../../../lib/useStoredState';
import { useMe } from '../../../session/SessionProvider';

export interface SavedFilter {
  name: string;
  /** The filters as a query string (status=rectifying&warning=red). */
  query: string;
}

const isSavedList = (v: unknown): v is SavedFilter[] =>
  Array.isArray(v) && v.every((f) => typeof f === 'object' && f !== null && typeof (f as SavedFilter).name === 'string' && typeof (f as SavedFilter).query === 'string');

/** 常用筛选: named filter sets kept in this browser for this user; apply with one click, save, delete. */
export function SavedFilters({ current, onApply }: { current: string; onApply: (query: string) => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [saved, setSaved] = useStoredState<SavedFilter[]>(`ducha.ledger.saved.${me.id}`, [], isSavedList);
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const save = ({ name }: { name: string }) => {
    const clean = name.trim();
    setSaved([...saved.filter((f) => f.name !== clean), { name: clean, query: current }]);
    setNaming(false);
    message.success(t('ledger.filterSaved', { name: clean }));
  };

  const savedItems = saved.length
    ? saved.map((f) => ({
        key: f.name,
        label: (
          <Space className="saved-filter" data-testid="saved-filter">
            <span className="saved-filter__name">{f.name}</span>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('ledger.deleteFilter', { name: f.name })}
              onClick={(e) => {
                e.stopPropagation();
                setSaved(saved.filter((x) => x.name !== f.name));
              }}
            />
          </Space>
        ),
      }))
    : [{ key: '__empty', disabled: true, label: <Typography.Text type="secondary">{t('ledger.noSavedFilters')}</Typography.Text> }];
  const items = [
    { key: '__save', icon: <SaveOutlined />, disabled: !current, label: <span data-testid="save-filter">{t('ledger.saveFilterMenu')}</span> },
    { type: 'divider' as const },
    ...savedItems,
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === '__save') {
              form.resetFields();
              setNaming(true);
              return;
            }
            const f = saved.find((x) => x.name === key);
            if (f) {
              onApply(f.query);
              message.info(t('ledger.filterApplied', { name: f.name }));
            }
          },
        }}
      >
        <Button icon={<StarOutlined />} data-testid="saved-filters">
          {t('ledger.savedFilters')}
        </Button>
      </Dropdown>
      <Modal open={naming} title={t('ledger.saveFilter')} onCancel={() => setNaming(false)} onOk={() => form.submit()} okText={t('common.save')} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('ledger.saveFilterHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('ledger.filterName')} rules={[{ required: true, whitespace: true, message: t('ledger.filterNameRequired') }, { max: 30 }]}>
            <Input maxLength={30} placeholder={t('ledger.filterNamePlaceholder')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
