import { Card } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { useLedger } from '../../problems/api';
import { WarningSummary } from '../../problems/ledger/WarningSummary';

/** 预警概况: the warning lights over every problem this user may see; a click opens the ledger at that light. */
export function WarningOverview() {
  const t = useT();
  const navigate = useNavigate();
  const ledger = useLedger({ sort: '-createdAt', page: 1, pageSize: 1 });
  return (
    <Card variant="borderless" title={t('home.warnings')} extra={<Link to="/problems">{t('home.openLedger')}</Link>} data-testid="warning-overview">
      <WarningSummary counts={ledger.data?.counts} total={ledger.data?.total} selected={null} onSelect={(lights) => navigate(lights.length ? `/problems?warning=${lights.join(',')}` : '/problems')} />
    </Card>
  );
}
