import type { Locale } from '@yiwang/contracts';
import { createContext, type ReactNode, use, useMemo, useState } from 'react';
import { configureHttp } from './http';
import { enUS, type WorkerMessageKey, zhCN } from './messages';

export type { WorkerMessageKey };
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Locale, Record<WorkerMessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
/** Shared with the desk: the language chosen on this device, whichever app it was chosen in. */
const STORAGE_KEY = 'yiwang.locale';

export function translate(locale: Locale, key: WorkerMessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface WorkerI18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: WorkerMessageKey, params?: MessageParams): string;
  /** Chinese or English name of something named both ways (grids, matters). */
  name(named: { name: string; nameEn?: string }): string;
}

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
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
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Storage may be blocked; the choice then lasts for this visit only.
        }
        setLocaleState(next);
      },
      t: (key, params) => translate(locale, key, params),
      name: (named) => (locale === 'en-US' && named.nameEn ? named.nameEn : named.name),
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
