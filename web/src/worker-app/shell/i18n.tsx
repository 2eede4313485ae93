import type { Locale } from '@yiwang/contracts';
import { createContext, type ReactNode, use, useMemo, useState } from 'react';
import { localName, type MessageParams, storedLocale, storeLocale, translator } from '../../shared/translate';
import { configureHttp } from './http';
import { enUS, type WorkerMessageKey, zhCN } from './messages';

export type { MessageParams, WorkerMessageKey };

export const translate = translator<WorkerMessageKey>({ 'zh-CN': zhCN, 'en-US': enUS });

export interface WorkerI18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: WorkerMessageKey, params?: MessageParams): string;
  /** Chinese or English name of something named both ways (grids, matters). */
  name(named: { name: string; nameEn?: string }): string;
}

function applyLocale(locale: Locale): void {
  configureHttp({ locale });
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.title');
}

const I18nContext = createContext<WorkerI18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyLocale(initial);
    return initial;
  });
  const value = useMemo<WorkerI18n>(
    () => ({
      locale,
      setLocale: (next) => {
        applyLocale(next);
        storeLocale(next);
        setLocaleState(next);
      },
      t: (key, params) => translate(locale, key, params),
      name: (named) => localName(locale, named),
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): WorkerI18n {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
