import type { TFunction } from '../../../i18n/I18nProvider';

const QUARTERS = ['一', '二', '三', '四'];

/** A 阶段性完成 period as people say it: 2026 → 2026 年度, 2026-Q4 → 2026 年第四季度, 2026-H1 → 2026 年上半年, 2026-03 → 2026 年 3 月. */
export function periodText(t: TFunction, period: string): string {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$/.exec(period);
  if (!m) return period;
  const [, y, part] = m as unknown as [string, string, string | undefined];
  if (!part) return t('phase.periodYear', { y });
  if (part.startsWith('Q')) return t('phase.periodQuarter', { y, n: part.slice(1), q: QUARTERS[Number(part.slice(1)) - 1]! });
  if (part === 'H1') return t('phase.periodH1', { y });
  if (part === 'H2') return t('phase.periodH2', { y });
  const month = Number(part);
  return month >= 1 && month <= 12 ? t('phase.periodMonth', { y, m: month }) : period;
}
