import { Typography } from 'antd';
import { WARNING_LIGHTS } from '../../../../domain/schedule';
import { lightColors } from '../../../components/problem';
import { useT } from '../../../i18n/I18nProvider';
import type { WarningLight } from '../api';

interface Props {
  counts?: Record<WarningLight, number>;
  total?: number;
  /** The lights filtered on (null: a summary with no filter to show, as on the home page). */
  selected: WarningLight[] | null;
  onSelect: (lights: WarningLight[]) => void;
}

/**
 * 红黄绿灯 counts over the whole filtered list, as cards. A click shows only that light (again: all lights); the
 * "全部" card clears the light filter.
 */
export function WarningSummary({ counts, total, selected, onSelect }: Props) {
  const t = useT();
  const only = selected?.length === 1 ? selected[0] : undefined;
  return (
    <div className="warning-summary" data-testid="warning-summary">
      <div>
        <button type="button" className={`warning-card${selected?.length === 0 ? ' is-active' : ''}`} onClick={() => onSelect([])} data-testid="warning-card-all">
          <Typography.Text type="secondary">{t('ledger.allLights')}</Typography.Text>
          <span className="warning-card__count">{total ?? '—'}</span>
        </button>
      </div>
      {WARNING_LIGHTS.map((light) => (
        <div key={light}>
          <button
            type="button"
            className={`warning-card warning-card--${light}${only === light ? ' is-active' : ''}`}
            style={{ borderTopColor: lightColors[light] }}
            onClick={() => onSelect(only === light ? [] : [light])}
            aria-pressed={only === light}
            data-testid={`warning-card-${light}`}
          >
            <span className="warning-card__label">
              <span className="warning-light__dot" style={{ background: lightColors[light] }} aria-hidden />
              {t(`warning.${light}` as const)}
            </span>
            <span className="warning-card__count" style={{ color: light === 'green' ? undefined : lightColors[light] }}>
              {counts ? counts[light] : '—'}
            </span>
            <Typography.Text type="secondary" className="warning-card__hint">
              {t(`warningHint.${light}` as const)}
            </Typography.Text>
          </button>
        </div>
      ))}
    </div>
  );
}
