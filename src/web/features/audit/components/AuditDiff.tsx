import { Empty, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import type { AuditEntry } from '../api';
import { fieldLabel, valueLabel } from './labels';

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function diff(before: unknown, after: unknown): DiffRow[] {
  const b = isRecord(before) ? before : before === null || before === undefined ? {} : { value: before };
  const a = isRecord(after) ? after : after === null || after === undefined ? {} : { value: after };
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

function Value({ field, value }: { field: string; value: unknown }) {
  const t = useT();
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === null) return <Typography.Text type="secondary">{t('audit.empty_value')}</Typography.Text>;
  const shown = valueLabel(t, field, value);
  if (shown !== undefined) return <span>{shown}</span>;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return <span>{value.join('、') || '[]'}</span>;
  if (typeof value === 'object') return <code className="diff-json">{JSON.stringify(value)}</code>;
  return <span>{String(value)}</span>;
}

/** Before/after as a field-by-field table; unchanged fields are hidden unless asked for. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const rows = diff(entry.before, entry.after);
  const hasBoth = isRecord(entry.before) && isRecord(entry.after);
  const [all, setAll] = useState(!hasBoth);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.noDetails')} />;
  const shown = all ? rows : rows.filter((r) => r.changed);
  return (
    <div className="audit-diff" data-testid="audit-diff">
      {hasBoth && (
        <label className="audit-diff__toggle">
          <Switch size="small" checked={all} onChange={setAll} /> {t('audit.showUnchanged')}
        </label>
      )}
      <Table<DiffRow>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={shown}
        rowClassName={(r) => (r.changed && hasBoth ? 'diff-changed' : '')}
        columns={[
          {
            title: t('audit.field'),
            dataIndex: 'field',
            width: 200,
            render: (f: string) => (
              <span>
                {fieldLabel(t, f)} <Typography.Text type="secondary" className="mono small">{f}</Typography.Text>
              </span>
            ),
          },
          { title: t('audit.before'), dataIndex: 'before', render: (v: unknown, r) => <Value field={r.field} value={v} /> },
          { title: t('audit.after'), dataIndex: 'after', render: (v: unknown, r) => <Value field={r.field} value={v} /> },
        ]}
      />
    </div>
  );
}
