import { AutoComplete, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { DateRangeField, type DateRange } from '../../../components/DateRangeField';
import { useT } from '../../../i18n/I18nProvider';
import { useActorSearch, type AuditQuery } from '../api';
import { ACTION_PREFIXES, ENTITY_TYPES, actionLabel, entityLabel } from './labels';

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

/** Filter by what changed (type, id), who did it, what kind of action, and when. */
export function AuditFilters({ value, onChange, canSearchActors }: { value: Filters; onChange: (v: Filters) => void; canSearchActors: boolean }) {
  const t = useT();
  const [draft, setDraft] = useState<Filters>(value);
  const [range, setRange] = useState<DateRange | null>(null);
  const [actorQ, setActorQ] = useState('');
  const actors = useActorSearch(actorQ, canSearchActors);
  const apply = () =>
    onChange({
      ...draft,
      entityId: draft.entityId?.trim() || undefined,
      action: draft.action?.trim() || undefined,
      from: range?.[0]?.startOf('day').toISOString(),
      to: range?.[1]?.endOf('day').toISOString(),
    });
  const clear = () => {
    setDraft({});
    setRange(null);
    onChange({});
  };
  return (
    <Space wrap className="filter-bar" data-testid="audit-filters">
      <Select<string>
        allowClear
        placeholder={t('audit.entityType')}
        value={draft.entityType}
        onChange={(entityType) => setDraft({ ...draft, entityType })}
        options={ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
        className="audit-filter__type"
      />
      <Input
        allowClear
        placeholder={t('audit.entityId')}
        value={draft.entityId}
        onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
        className="audit-filter__id"
      />
      {canSearchActors ? (
        <Select<number>
          allowClear
          showSearch={{ filterOption: false, onSearch: setActorQ }}
          placeholder={t('audit.actor')}
          value={draft.actorId}
          onChange={(actorId) => setDraft({ ...draft, actorId })}
          options={actors.data?.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          loading={actors.isFetching}
          className="audit-filter__who"
        />
      ) : (
        <Input
          allowClear
          placeholder={t('audit.actorId')}
          inputMode="numeric"
          value={draft.actorId ?? ''}
          onChange={(e) => setDraft({ ...draft, actorId: Number(e.target.value) || undefined })}
          className="audit-filter__id"
        />
      )}
      <AutoComplete
        allowClear
        placeholder={t('audit.actionPrefix')}
        value={draft.action}
        onChange={(action: string) => setDraft({ ...draft, action })}
        options={ACTION_PREFIXES.map((a) => ({ value: a, label: `${a} ${a.endsWith('.') ? '' : actionLabel(t, a)}` }))}
        filterOption={(input, option) => String(option?.value ?? '').startsWith(input)}
        className="audit-filter__who"
      />
      <DateRangeField value={range} onChange={setRange} allowEmpty className="audit-filter__range" data-testid="audit-range" />
      <Button type="primary" onClick={apply}>
        {t('common.search')}
      </Button>
      <Button onClick={clear}>{t('common.reset')}</Button>
    </Space>
  );
}
