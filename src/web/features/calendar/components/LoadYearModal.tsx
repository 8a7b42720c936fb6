import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Descriptions, Input, Modal, Tabs, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ServerErrorAlert } from '../../../components/ServerError';
import { useT } from '../../../i18n/I18nProvider';
import { useLoadYear, type CalendarYear } from '../api';

const EXAMPLE = `{
  "year": 2027,
  "source": "国务院办公厅关于2027年部分节假日安排的通知",
  "holidays": [{ "date": "2027-01-01", "name": "元旦" }],
  "workdays": [{ "date": "2027-02-06", "name": "春节" }]
}`;

type Parsed = { ok: true; data: CalendarYear } | { ok: false; error: string } | null;

function parse(text: string, t: ReturnType<typeof useT>): Parsed {
  if (!text.trim()) return null;
  try {
    const data = JSON.parse(text) as Partial<CalendarYear>;
    if (typeof data.year !== 'number' || !Array.isArray(data.holidays) || !Array.isArray(data.workdays))
      return { ok: false, error: t('calendar.jsonShape') };
    return { ok: true, data: data as CalendarYear };
  } catch (e) {
    return { ok: false, error: t('calendar.jsonInvalid', { detail: (e as Error).message }) };
  }
}

/** Load or replace one year's official arrangement, pasted or from a .json file; the server validates it. */
export function LoadYearModal({ open, loadedYears, onClose }: { open: boolean; loadedYears: number[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [tab, setTab] = useState('paste');
  const load = useLoadYear();
  const parsed = useMemo(() => parse(text, t), [text, t]);
  useEffect(() => {
    if (open) {
      setText('');
      setTab('paste');
      load.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const submit = () =>
    parsed?.ok &&
    load.mutate(parsed.data, {
      onSuccess: () => {
        message.success(t('calendar.loaded', { year: parsed.data.year }));
        onClose();
      },
    });
  const replacing = parsed?.ok && loadedYears.includes(parsed.data.year);
  return (
    <Modal
      open={open}
      title={t('calendar.loadTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={replacing ? t('calendar.replace') : t('calendar.load')}
      okButtonProps={{ disabled: !parsed?.ok, danger: !!replacing }}
      confirmLoading={load.isPending}
      width={680}
    >
      <Alert type="info" showIcon title={t('calendar.loadHelp')} className="mb-16" />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'paste',
            label: t('calendar.paste'),
            children: (
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={10}
                className="mono"
                placeholder={EXAMPLE}
                aria-label={t('calendar.paste')}
              />
            ),
          },
          {
            key: 'upload',
            label: t('calendar.upload'),
            children: (
              <Upload.Dragger
                accept=".json,application/json"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(file) => {
                  void file.text().then((content) => {
                    setText(content);
                    setTab('paste');
                  });
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>{t('calendar.uploadHint')}</p>
              </Upload.Dragger>
            ),
          },
        ]}
      />
      {parsed && !parsed.ok && <Alert type="error" showIcon title={parsed.error} className="mt-16" />}
      {parsed?.ok && (
        <Descriptions
          className="mt-16"
          size="small"
          bordered
          column={3}
          items={[
            { key: 'y', label: t('field.year'), children: parsed.data.year },
            { key: 'h', label: t('calendar.holidayDays'), children: parsed.data.holidays.length },
            { key: 'w', label: t('calendar.makeupDays'), children: parsed.data.workdays.length },
          ]}
        />
      )}
      {replacing && <Alert type="warning" showIcon className="mt-16" title={t('calendar.replaceWarning', { year: parsed.data.year })} />}
      <div className="mt-16">
        <ServerErrorAlert error={load.error} />
      </div>
    </Modal>
  );
}
