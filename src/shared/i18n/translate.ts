import type { Language } from '../roles.js';

/**
 * The one i18n mechanism used by the server (error messages) and the web app (UI strings).
 * A catalog is a flat map of keys to zh-CN text with an English twin; `{name}` placeholders are filled from params.
 */
export type Catalog = Record<string, { 'zh-CN': string; en: string }>;

export function pickLanguage(header: string | undefined | null): Language {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function translate(
  catalog: Catalog,
  lang: Language,
  key: string,
  params?: Record<string, string | number>,
): string {
  const entry = catalog[key];
  const text = entry ? entry[lang] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
