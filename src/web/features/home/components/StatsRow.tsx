import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { lazy, Suspense } from 'react';
import { UNIT_KINDS } from '../../../../shared/roles';
import { useT } from '../../../i18n/I18nProvider';
import { useVisibleUnits, useVisibleUserCount } from '../api';

const UnitKindChart = lazy(() => import('./UnitKindChart'));

/**
 * Real counts from the list endpoints, within what this user may see. The breakdown by kind only appears when
 * there is something to compare (two kinds or more); one bar would say nothing the number does not.
 */
export function StatsRow({ canUnits, canUsers }: { canUnits: boolean; canUsers: boolean }) {
  const t = useT();
  const units = useVisibleUnits(canUnits);
  const users = useVisibleUserCount(canUsers);
  if (!canUnits && !canUsers) return null;
  const enabledUnits = units.data?.filter((u) => u.enabled) ?? [];
  const rows = UNIT_KINDS.map((kind) => ({
    label: t(`unitKind.${kind}` as const),
    value: enabledUnits.filter((u) => u.kind === kind).length,
  })).filter((r) => r.value > 0);
  const showChart = canUnits && rows.length >= 2;

  const stats = [
    canUnits && (
      <Card variant="borderless" key="units">
        <Statistic
          title={t('home.unitCount')}
          value={units.data ? enabledUnits.length : '—'}
          loading={units.isPending}
          prefix={<ApartmentOutlined />}
          suffix={t('home.unitSuffix')}
        />
      </Card>
    ),
    canUsers && (
      <Card variant="borderless" key="users">
        <Statistic title={t('home.userCount')} value={users.data ?? '—'} loading={users.isPending} prefix={<TeamOutlined />} suffix={t('home.userSuffix')} />
      </Card>
    ),
  ].filter(Boolean);

  if (!showChart)
    return (
      <Row gutter={[16, 16]}>
        {stats.map((card, i) => (
          <Col key={i} xs={24} sm={12} lg={8}>
            {card}
          </Col>
        ))}
      </Row>
    );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Row gutter={[16, 16]}>
          {stats.map((card, i) => (
            <Col key={i} span={24}>
              {card}
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} lg={16}>
        <Card variant="borderless" title={t('home.unitsByKind')} className="chart-card">
          <Suspense fallback={<Skeleton active />}>
            <UnitKindChart rows={rows} />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}
