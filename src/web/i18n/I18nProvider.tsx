import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/roles';
import { setApiLanguage } from '../api/client';
import { ui, type UiKey } from './ui';

export type TFunction = (key: UiKey, params?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Language;
  setLang: (lang: Language) => void;
  t: TFunction;
}

const STORAGE_KEY = 'ducha.lang';
const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Applies a language everywhere outside React: API Accept-Language, dayjs, <html lang>, the tab title. */
function applyLanguage(lang: Language) {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = translate(ui, lang, 'app.productName');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => {
    const initial = initialLanguage();
    applyLanguage(initial);
    return initial;
  });
  useEffect(() => applyLanguage(lang), [lang]);
  const setLang = useCallback((next: Language) => {
    applyLanguage(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice just isn't remembered */
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, params) => translate(ui, lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value;
}

/** Whether a key built from server data (a timeline action, a notification kind) has a text in the catalog. */
export const isUiKey = (key: string): key is UiKey => Object.prototype.hasOwnProperty.call(ui, key);

/** `const t = useT(); t('menu.home')` — the only way components get text. */
export const useT = (): TFunction => useI18n().t;
export const useLanguage = () => {
  const { lang, setLang } = useI18n();
  return { lang, setLang };
};
