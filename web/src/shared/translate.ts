import type { Labels, Locale } from '@yiwang/contracts/vocabulary';

/**
 * The one small translator of the three apps (desk, worker app, resident portal). Each app
 * keeps its own typed dictionaries — the Chinese one defines the keys, the English one must
 * have them all — so no app's bundle carries another's strings.
 */

export type MessageParams = Record<string, string | number>;
export type Dictionaries<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Fills `{name}` placeholders; an unknown placeholder stays as written. */
export function fillPlaceholders(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `t(locale, key, params)` over one app's dictionaries. */
export function translator<K extends string>(
  dictionaries: Dictionaries<K>,
): (locale: Locale, key: K, params?: MessageParams) => string {
  return (locale, key, params) => fillPlaceholders(dictionaries[locale][key], params);
}

/**
 * Dictionary entries `prefix.member` for a label table of the shared vocabulary (categories,
 * levels…), so that a dictionary names them with the vocabulary's words, not a copy.
 */
export function labelEntries<P extends string, K extends string>(
  prefix: P,
  labels: Labels<K>,
  locale: Locale,
): Record<`${P}.${K}`, string> {
  return Object.fromEntries(
    Object.entries<Labels<K>[K]>(labels).map(([member, text]) => [`${prefix}.${member}`, text[locale]]),
  ) as Record<`${P}.${K}`, string>;
}

/** Shared by the three apps: the language chosen on this device, whichever app it was chosen in. */
const LOCALE_STORAGE_KEY = 'yiwang.locale';

/** The language chosen on this device; Chinese when none was, or storage is blocked (private mode, policy). */
export function storedLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en-US') return stored;
  } catch {
    // Storage can be blocked; Chinese is the default.
  }
  return 'zh-CN';
}

/** Remembers the language for the next visit; if storage is blocked, the choice lasts for this page only. */
export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not fatal.
  }
}

/** Something named both ways (regions, grids, matters): the English name when reading English and there is one. */
export const localName = (locale: Locale, named: { name: string; nameEn?: string | undefined }): string =>
  locale === 'en-US' && named.nameEn ? named.nameEn : named.name;
