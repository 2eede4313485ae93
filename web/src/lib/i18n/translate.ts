import type { Locale } from '@yiwang/contracts';
import { enUS } from './en-US';
import { type MessageKey, zhCN } from './zh-CN';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Looks up a UI string and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Region names: `name` in Chinese, `nameEn` in English. */
export const localName = (locale: Locale, named: { name: string; nameEn: string }): string =>
  locale === 'en-US' && named.nameEn ? named.nameEn : named.name;
