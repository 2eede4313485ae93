import type { Locale } from '@yiwang/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, use, useCallback, useMemo, useState } from 'react';
import { storedLocale, storeLocale } from '../../shared/translate';
import { configureApi } from '../api';
import { localName, type MessageKey, type MessageParams, translate } from './translate';

export interface I18n {
  locale: Locale;
  /** Switches the UI language at once (texts, Ant Design, dates, Accept-Language). */
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** The display name of a region in the current language. */
  regionName(region: { name: string; nameEn: string }): string;
}

const I18nContext = createContext<I18n | null>(null);

function applyLocale(locale: Locale) {
  configureApi({ locale });
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.documentTitle');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    applyLocale(next);
    // Remembered for the login page of the next visit.
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      regionName: (region) => localName(locale, region),
    }),
    [locale, setLocale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
