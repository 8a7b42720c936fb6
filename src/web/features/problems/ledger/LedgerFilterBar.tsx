import { DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, Cascader, Col, Flex, Form, Input, Row, Select, Space, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { PROBLEM_STATUSES } from '../../../../domain/problem/lifecycle';
import { DEADLINE_KINDS, PROBLEM_CATEGORIES, PROBLEM_SOURCES } from '../../../../domain/problem/vocabulary';
import { SCHEDULE_STATES, WARNING_LIGHTS } from '../../../../domain/schedule';
import { DateRangeField } from '../../../components/DateRangeField';
import { useT } from '../../../i18n/I18nProvider';
import { useDebouncedEffect } from '../../../lib/useDebounced';
import { toTreeSelect } from '../../../lib/tree';
import { useSession } from '../../../session/SessionProvider';
import { usePlans, useRegionOptions, useRounds, useUnitOptions, useUsersWithRole, type LedgerFilters } from '../api';
import { activeFilterCount } from './useLedgerState';

const ADVANCED: (keyof LedgerFilters)[] = [
  'source',
  'category',
  'schedule',
  'deadlineKind',
  'leadUnitId',
  'unitId',
  'regionId',
  'roundId',
  'batchId',
  'planId',
  'leaderUserId',
  'flagged',
  'isPublic',
  'deadlineFrom',
  'deadlineTo',
];

interface Props {
  filters: LedgerFilters;
  onChange: (next: LedgerFilters) => void;
  /** Saved filters and the column chooser sit on the right of the first row. */
  extra?: React.ReactNode;
}

/**
 * 筛选: keyword, status and warning light always in view; everything else (source, category, units, region,
 * round/batch, plan, leader, flags, deadline range) behind "更多筛选", which shows how many of them are set.
 */
export function LedgerFilterBar({ filters, onChange, extra }: Props) {
  const t = useT();
  const { can } = useSession();
  const [open, setOpen] = useState(() => activeFilterCount(filters, ADVANCED) > 0);
  const [keyword, setKeyword] = useState(filters.q ?? '');
  const [lastQ, setLastQ] = useState(filters.q);
  // Someone else changed q (a saved filter, reset): show it in the box.
  if (lastQ !== filters.q) {
    setLastQ(filters.q);
    setKeyword(filters.q ?? '');
  }
  useDebouncedEffect(keyword.trim(), 350, (q) => {
    if ((filters.q ?? '') !== q) onChange({ ...filters, q: q || undefined });
  });

  const units = useUnitOptions(open);
  const regions = useRegionOptions(open);
  const rounds = useRounds(open);
  const plans = usePlans(open);
  const leaders = useUsersWithRole('leader', open && can('user.read'));
  const unitTree = useMemo(() => toTreeSelect(units.data ?? []), [units.data]);
  const regionTree = useMemo(() => toTreeSelect(regions.data ?? []), [regions.data]);
  const roundOptions = useMemo(
    () =>
      (rounds.data ?? []).map((r) => ({
        value: r.id,
        label: r.name,
        children: r.batches.map((b) => ({ value: b.id, label: b.name || t('rounds.batchN', { n: b.number }) })),
      })),
    [rounds.data, t],
  );
  const set = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });
  const advancedCount = activeFilterCount(filters, ADVANCED);
  const options = <K extends string>(values: readonly K[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as 'warning.red') }));

  return (
    <div className="ledger-filters" data-testid="ledger-filters">
      <Flex wrap justify="space-between" gap={8} className="filter-bar">
        <Space wrap size={[8, 8]}>
          <Input.Search
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            placeholder={t('ledger.searchPlaceholder')}
            className="filter-bar__search"
            data-testid="ledger-search"
            aria-label={t('ledger.searchPlaceholder')}
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('ledger.anyStatus')}
            value={filters.status ?? []}
            onChange={(status) => set({ status })}
            options={options(PROBLEM_STATUSES, 'problemStatus')}
            className="filter-bar__multi"
            aria-label={t('field.problemStatus')}
            data-testid="filter-status"
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('ledger.anyWarning')}
            value={filters.warning ?? []}
            onChange={(warning) => set({ warning })}
            options={options(WARNING_LIGHTS, 'warning')}
            className="filter-bar__select-md"
            aria-label={t('field.warningLight')}
            data-testid="filter-warning"
          />
          <Badge count={advancedCount} size="small" offset={[-4, 2]}>
            <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} data-testid="filter-more">
              {t('ledger.moreFilters')} {open ? <UpOutlined /> : <DownOutlined />}
            </Button>
          </Badge>
          <Button onClick={() => onChange({})} disabled={activeFilterCount(filters) === 0} data-testid="filter-reset">
            {t('common.reset')}
          </Button>
        </Space>
        {extra && (
          <Space wrap size={[8, 8]}>
            {extra}
          </Space>
        )}
      </Flex>
      {open && (
        <Form layout="vertical" className="ledger-filters__more" data-testid="ledger-filters-more">
          <Row gutter={[16, 0]}>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.problemSource')}>
                <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('ledger.any')} value={filters.source ?? []} onChange={(source) => set({ source })} options={options(PROBLEM_SOURCES, 'source')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.category')}>
                <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('ledger.any')} value={filters.category ?? []} onChange={(category) => set({ category })} options={options(PROBLEM_CATEGORIES, 'category')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.scheduleState')}>
                <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('ledger.any')} value={filters.schedule ?? []} onChange={(schedule) => set({ schedule })} options={options(SCHEDULE_STATES, 'schedule')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.deadlineKind')}>
                <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('ledger.any')} value={filters.deadlineKind ?? []} onChange={(deadlineKind) => set({ deadlineKind })} options={options(DEADLINE_KINDS, 'deadlineKind')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.leadUnit')}>
                <TreeSelect
                  allowClear
                  showSearch
                  treeNodeFilterProp="title"
                  treeDefaultExpandAll
                  loading={units.isPending}
                  treeData={unitTree}
                  value={filters.leadUnitId}
                  onChange={(leadUnitId?: number) => set({ leadUnitId })}
                  placeholder={t('ledger.any')}
                  data-testid="filter-lead-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('ledger.involvingUnit')} tooltip={t('ledger.involvingUnitHelp')}>
                <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll treeData={unitTree} value={filters.unitId} onChange={(unitId?: number) => set({ unitId })} placeholder={t('ledger.any')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.region')}>
                <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll treeData={regionTree} value={filters.regionId} onChange={(regionId?: number) => set({ regionId })} placeholder={t('ledger.any')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.roundBatch')}>
                <Cascader
                  changeOnSelect
                  allowClear
                  options={roundOptions}
                  value={filters.roundId ? (filters.batchId ? [filters.roundId, filters.batchId] : [filters.roundId]) : []}
                  onChange={(v) => set({ roundId: v?.[0] as number | undefined, batchId: v?.[1] as number | undefined })}
                  placeholder={t('ledger.any')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('field.plan')}>
                <Select allowClear placeholder={t('ledger.any')} value={filters.planId} onChange={(planId?: number) => set({ planId })} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
            {can('user.read') && (
              <Col xs={24} sm={12} lg={8} xxl={6}>
                <Form.Item label={t('field.leader')}>
                  <Select allowClear showSearch optionFilterProp="label" placeholder={t('ledger.any')} value={filters.leaderUserId} onChange={(leaderUserId?: number) => set({ leaderUserId })} options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} sm={6} lg={4} xxl={3}>
              <Form.Item label={t('field.flagged')}>
                <Select allowClear placeholder={t('ledger.any')} value={filters.flagged} onChange={(flagged?: 'true' | 'false') => set({ flagged })} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} data-testid="filter-flagged" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4} xxl={3}>
              <Form.Item label={t('field.isPublic')}>
                <Select allowClear placeholder={t('ledger.any')} value={filters.isPublic} onChange={(isPublic?: 'true' | 'false') => set({ isPublic })} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xxl={6}>
              <Form.Item label={t('ledger.deadlineRange')}>
                <DateRangeField
                  className="full-width"
                  allowEmpty
                  value={[filters.deadlineFrom ? dayjs(filters.deadlineFrom) : null, filters.deadlineTo ? dayjs(filters.deadlineTo) : null]}
                  onChange={(range) => set({ deadlineFrom: range?.[0]?.format('YYYY-MM-DD'), deadlineTo: range?.[1]?.format('YYYY-MM-DD') })}
                  data-testid="filter-deadline-range"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </div>
  );
}
