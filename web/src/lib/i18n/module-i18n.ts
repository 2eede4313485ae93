import type { Locale } from '@yiwang/contracts';
import { useMemo } from 'react';
import { fillPlaceholders } from '../../shared/translate';
import { type I18n, useI18n } from './i18n-provider';
import type { MessageKey, MessageParams } from './translate';

export interface ModuleI18n<K extends string> extends Omit<I18n, 't'> {
  /** The module's own strings first, then the desk's (actions, forms, tables…). */
  t(key: K | MessageKey, params?: MessageParams): string;
}

/**
 * UI strings of a lazily loaded module, kept in the module's own chunk so that they do
 * not weigh on the initial bundle (only the menu labels live in lib/i18n). Typed like
 * lib/i18n: the Chinese dictionary defines the keys and the English one must have them
 * all; placeholders are `{name}` as in translate(). Pass a module-level constant.
 */
export function useModuleI18n<K extends string>(dictionaries: Record<Locale, Record<K, string>>): ModuleI18n<K> {
  const i18n = useI18n();
  return useMemo(() => {
    const own: Record<string, string> = dictionaries[i18n.locale];
    return {
      ...i18n,
      t: (key, params) => {
        const template = own[key];
        if (template === undefined) return i18n.t(key as MessageKey, params);
        return fillPlaceholders(template, params);
      },
    };
  }, [i18n, dictionaries]);
}
