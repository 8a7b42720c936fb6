import type { Language } from '../roles.js';

const QUARTERS_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A 阶段性完成 period key (as `mark_phase_done` takes it: 2026, 2026-Q4, 2026-H1, 2026-03) as people say it:
 * zh-CN 2026年度 · 2026年第四季度 · 2026年上半年 · 2026年3月; en 2026 · Q4 2026 · H1 2026 · March 2026.
 * Anything else is returned as it is.
 */
export function phasePeriodLabel(period: string, lang: Language): string {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$/.exec(period);
  if (!m) return period;
  const year = m[1]!;
  const part = m[2];
  const zh = lang === 'zh-CN';
  if (!part) return zh ? `${year}年度` : year;
  if (part.startsWith('Q')) {
    const n = Number(part.slice(1));
    return zh ? `${year}年第${QUARTERS_ZH[n - 1]}季度` : `Q${n} ${year}`;
  }
  if (part === 'H1' || part === 'H2') return zh ? `${year}年${part === 'H1' ? '上' : '下'}半年` : `${part} ${year}`;
  const month = Number(part);
  if (month < 1 || month > 12) return period;
  return zh ? `${year}年${month}月` : `${MONTHS_EN[month - 1]} ${year}`;
}
