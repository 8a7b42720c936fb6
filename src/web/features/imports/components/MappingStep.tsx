import { Alert, Button, Card, Checkbox, Col, Flex, Form, Grid, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { columnLetter } from '../../../../domain/ledger/import/detect';
import { PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../../../domain/problem/vocabulary';
import type { LedgerColumnKey } from '../../../../domain/ledger/columns';
import { useLanguage, useT } from '../../../i18n/I18nProvider';
import type { ImportView } from '../api';
import { fieldOfColumn, IMPORTANT_FIELDS, LEDGER_COLUMNS, type ImportDraft } from '../draft';
import { AliasList } from './AliasList';

const NONE = '__none';

interface Props {
  view: ImportView;
  draft: ImportDraft;
  onChange: (draft: ImportDraft) => void;
  /** Units by id, to name the aliases. */
  unitName: (id: number) => string;
}

interface ColumnRow {
  index: number;
  header: string;
  samples: string[];
}

/**
 * 2 核对列: which sheet, where the header and the data start (Excel row numbers), what each column of the file is,
 * and the defaults for what the file does not say. Edits stay in the draft until 重新校验.
 */
export function MappingStep({ view, draft, onChange, unitName }: Props) {
  const t = useT();
  const { lang } = useLanguage();
  const screens = Grid.useBreakpoint();
  const fieldName = (key: LedgerColumnKey) => {
    const column = LEDGER_COLUMNS.find((c) => c.key === key)!;
    return lang === 'en' ? column.en : column.header;
  };
  const noHeader = view.summary === null;
  const byColumn = fieldOfColumn(draft.mapping);
  const columns: ColumnRow[] = useMemo(() => {
    const width = Math.max(view.headers.length, ...view.sampleRows.map((r) => r.length));
    return Array.from({ length: width }, (_v, index) => ({
      index,
      header: view.headers[index] ?? '',
      samples: view.sampleRows.map((r) => (r[index] ?? '').trim()).filter(Boolean).slice(0, 3),
    })).filter((c) => c.header || c.samples.length);
  }, [view.headers, view.sampleRows]);

  const setMapping = (index: number, key: LedgerColumnKey | typeof NONE) => {
    const mapping = Object.fromEntries(Object.entries(draft.mapping).filter(([, c]) => c !== index)) as ImportDraft['mapping'];
    if (key !== NONE) mapping[key] = index;
    onChange({ ...draft, mapping });
  };
  const setLayout = (patch: Partial<Pick<ImportDraft, 'sheetIndex' | 'headerRow' | 'firstDataRow'>>) => {
    const next = { ...draft, ...patch };
    const layoutChanged = next.sheetIndex !== view.sheetIndex || next.headerRow !== view.headerRow;
    onChange({ ...next, layoutChanged, mapping: layoutChanged ? {} : draft.layoutChanged ? { ...view.mapping } : next.mapping });
  };
  const chooseSheet = (sheetIndex: number) => {
    // A sheet that looks like a ledger: start from where its header was found.
    const found = view.detections.find((d) => d.sheetIndex === sheetIndex);
    setLayout({ sheetIndex, headerRow: found?.headerRow ?? draft.headerRow ?? 0, firstDataRow: found?.firstDataRow ?? (draft.headerRow ?? 0) + 1 });
  };
  const setDefaults = (patch: Partial<ImportDraft['options']['defaults']>) =>
    onChange({ ...draft, options: { ...draft.options, defaults: { ...draft.options.defaults, ...patch } } });

  const unrecognised = draft.layoutChanged ? [] : columns.filter((c) => c.header && !byColumn.has(c.index));
  const missing = draft.layoutChanged || noHeader ? [] : IMPORTANT_FIELDS.filter((k) => draft.mapping[k] === undefined);
  const noDescription = !draft.layoutChanged && !noHeader && draft.mapping.description === undefined && draft.mapping.title === undefined;
  const fieldOptions = (index: number): { value: LedgerColumnKey | typeof NONE; label: string; disabled?: boolean }[] => [
    { value: NONE, label: t('imports.notImported') },
    ...LEDGER_COLUMNS.map((c) => {
      const usedBy = draft.mapping[c.key];
      return {
        value: c.key,
        label: lang === 'en' ? `${c.en} · ${c.header}` : c.header,
        disabled: usedBy !== undefined && usedBy !== index,
      };
    }),
  ];
  const sheetChoices = view.sheets.map((s, i) => ({
    value: i,
    label: (
      <span>
        {t('imports.sheetOption', { name: s.name, rows: s.rows })}
        {view.detections.some((d) => d.sheetIndex === i) && (
          <Tag color="green" className="import-sheet-tag">
            {t('imports.sheetDetected')}
          </Tag>
        )}
      </span>
    ),
  }));

  const headerCell = (c: ColumnRow) => (
    <Flex gap={6} wrap align="center">
      <Typography.Text strong={!!c.header} type={c.header ? undefined : 'secondary'}>
        {c.header || t('imports.emptyHeader')}
      </Typography.Text>
      {c.header && !byColumn.has(c.index) && <Tag color="orange">{t('imports.unrecognisedTag')}</Tag>}
    </Flex>
  );
  const samplesCell = (c: ColumnRow) => {
    const text = c.samples.join(' ｜ ');
    return (
      <Typography.Text type="secondary" ellipsis={{ tooltip: text }} className="import-samples">
        {text}
      </Typography.Text>
    );
  };
  const fieldCell = (c: ColumnRow) => (
    <Select<LedgerColumnKey | typeof NONE>
      className="full-width"
      value={byColumn.get(c.index) ?? NONE}
      options={fieldOptions(c.index)}
      onChange={(key) => setMapping(c.index, key)}
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={`${t('imports.col.field')} ${columnLetter(c.index)}`}
      data-testid={`import-field-${columnLetter(c.index)}`}
    />
  );
  const desktopColumns: TableColumnsType<ColumnRow> = [
    { key: 'letter', title: t('imports.col.letter'), width: 56, render: (_v, c) => <span className="mono">{columnLetter(c.index)}</span> },
    { key: 'header', title: t('imports.col.header'), width: 200, render: (_v, c) => headerCell(c) },
    { key: 'sample', title: t('imports.col.sample'), render: (_v, c) => samplesCell(c) },
    { key: 'field', title: t('imports.col.field'), width: 240, render: (_v, c) => fieldCell(c) },
  ];
  // A phone: one column per line, stacked (the field chooser stays on screen).
  const phoneColumns: TableColumnsType<ColumnRow> = [
    {
      key: 'all',
      render: (_v, c) => (
        <Space orientation="vertical" size={4} className="full-width">
          <Flex gap={6} align="center">
            <span className="mono">{columnLetter(c.index)}</span>
            {headerCell(c)}
          </Flex>
          {samplesCell(c)}
          {fieldCell(c)}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="import-mapping-step">
      {noHeader && !draft.layoutChanged && <Alert type="warning" showIcon title={t('imports.noHeader')} description={t('imports.noHeaderHelp')} data-testid="import-no-header" />}
      <Card variant="borderless" size="small" title={t('imports.layout')}>
        <Form layout="vertical" className="import-layout-form">
          <Row gutter={16}>
            {view.sheets.length === 1 && (
              <Col xs={24} md={10}>
                <Form.Item label={t('imports.sheet')}>
                  <Typography.Text strong>{t('imports.sheetOption', { name: view.sheets[0]!.name, rows: view.sheets[0]!.rows })}</Typography.Text>
                </Form.Item>
              </Col>
            )}
            {view.sheets.length > 1 && (
              <Col xs={24} md={10}>
                <Form.Item label={t('imports.sheet')}>
                  <Select
                    value={draft.sheetIndex ?? undefined}
                    options={sheetChoices}
                    onChange={chooseSheet}
                    placeholder={t('imports.sheet')}
                    data-testid="import-sheet"
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={7}>
              <Form.Item label={t('imports.headerRow')} extra={t('imports.rowNumberHelp')}>
                <InputNumber
                  min={1}
                  max={1001}
                  precision={0}
                  className="full-width"
                  value={draft.headerRow === null ? null : draft.headerRow + 1}
                  onChange={(n) => {
                    if (typeof n !== 'number') return;
                    setLayout({ headerRow: n - 1, firstDataRow: n, sheetIndex: draft.sheetIndex ?? 0 });
                  }}
                  data-testid="import-header-row"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item label={t('imports.firstDataRow')} extra={t('imports.rowNumberHelp')}>
                <InputNumber
                  min={draft.headerRow === null ? 2 : draft.headerRow + 2}
                  max={1002}
                  precision={0}
                  className="full-width"
                  value={draft.firstDataRow === null ? null : draft.firstDataRow + 1}
                  onChange={(n) => typeof n === 'number' && onChange({ ...draft, firstDataRow: n - 1 })}
                  data-testid="import-first-row"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {draft.layoutChanged && <Alert type="info" showIcon title={t('imports.layoutChanged')} data-testid="import-layout-changed" />}
      </Card>

      {!draft.layoutChanged && columns.length > 0 && (
        <Card variant="borderless" size="small" title={t('imports.mapping')}>
          <Space orientation="vertical" size={8} className="full-width">
            {view.savedMappingUsed && <Alert type="info" showIcon title={t('imports.savedMappingUsed')} />}
            {noDescription && <Alert type="error" showIcon title={t('imports.descriptionRequired')} />}
            {unrecognised.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="import-unrecognised"
                title={t('imports.unrecognised', {
                  n: unrecognised.length,
                  list: unrecognised.map((c) => `${columnLetter(c.index)}“${c.header}”`).join(lang === 'en' ? ', ' : '、'),
                })}
              />
            )}
            {missing.length > 0 && (
              <Alert type="info" showIcon title={t('imports.missingImportant', { list: missing.map((k) => `“${fieldName(k)}”`).join(lang === 'en' ? ', ' : '、') })} />
            )}
            <Typography.Text type="secondary">{t('imports.mappingHelp')}</Typography.Text>
            <Table<ColumnRow>
              rowKey="index"
              size="small"
              pagination={false}
              dataSource={columns}
              showHeader={!!screens.md}
              tableLayout="fixed"
              data-testid="import-mapping"
              rowClassName={(c) => (c.header && !byColumn.has(c.index) ? 'import-row--unmapped' : '')}
              columns={screens.md ? desktopColumns : phoneColumns}
            />
          </Space>
        </Card>
      )}

      <Card variant="borderless" size="small" title={t('imports.options')}>
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('imports.defaultSource')}>
                <Select
                  allowClear
                  placeholder={t('imports.noDefault')}
                  value={draft.options.defaults.source}
                  options={PROBLEM_SOURCES.map((v) => ({ value: v, label: t(`source.${v}`) }))}
                  onChange={(source) => setDefaults({ source })}
                  data-testid="import-default-source"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('imports.defaultCategory')}>
                <Select
                  allowClear
                  placeholder={t('imports.noDefault')}
                  value={draft.options.defaults.category}
                  options={PROBLEM_CATEGORIES.map((v) => ({ value: v, label: t(`category.${v}`) }))}
                  onChange={(category) => setDefaults({ category })}
                  data-testid="import-default-category"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('imports.updateExisting')} extra={t('imports.updateExistingHelp')}>
                <Switch
                  checked={draft.options.updateExisting}
                  onChange={(updateExisting) => onChange({ ...draft, options: { ...draft.options, updateExisting } })}
                  data-testid="import-update-existing"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('imports.defaultPublic')}>
                <Switch checked={draft.options.defaults.isPublic === true} onChange={(isPublic) => setDefaults({ isPublic })} data-testid="import-default-public" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <AliasList draft={draft} onChange={onChange} unitName={unitName} />
      </Card>

      {!noHeader && !draft.layoutChanged && (
        <Checkbox checked={draft.saveMapping} onChange={(e) => onChange({ ...draft, saveMapping: e.target.checked })} data-testid="import-save-mapping">
          {t('imports.saveMapping')}
        </Checkbox>
      )}
    </Space>
  );
}

/** Kept apart so the step's footer can sit under any step. */
export function RecheckButton({ changed, loading, disabled, onClick }: { changed: boolean; loading: boolean; disabled?: boolean; onClick: () => void }) {
  const t = useT();
  return (
    <Button type={changed ? 'primary' : 'default'} loading={loading} disabled={disabled} onClick={onClick} data-testid="import-recheck">
      {t('imports.recheck')}
    </Button>
  );
}
