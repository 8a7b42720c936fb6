import { Typography } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { CampaignSummary } from '../api';

/** How a campaign drew its problems, in one line. */
export function SamplingText({ c }: { c: CampaignSummary }) {
  const t = useT();
  const s = c.sampling;
  return (
    <span>
      {s.kind === 'all' ? t('lookback.samplingAll') : t('lookback.samplingLine', { percent: Math.round((s.ratio ?? 0) * 100) })}
      {' · '}
      {t('lookback.drawn', { drawn: s.drawn, population: s.population })}
      {s.seed && (
        <Typography.Text type="secondary" className="small">
          {' · '}
          {t('lookback.seedUsed')} <span className="mono">{s.seed}</span>
        </Typography.Text>
      )}
    </span>
  );
}

