import type { Locale, LocalizedText } from '@yiwang/contracts';
import { errorDeclarationOf } from './errors.js';

type Params = Record<string, string | number>;

/**
 * Server-side messages of the common field problems, in both locales. An error code's message
 * is declared with the code (platform/errors.ts, or the module that owns it); a module's own
 * field problems with the module (`Module.fieldProblems`).
 */
const messages: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    'field.required': '必填',
    'field.minLength': '至少 {limit} 个字符',
    'field.maxLength': '最多 {limit} 个字符',
    'field.minimum': '不能小于 {limit}',
    'field.maximum': '不能大于 {limit}',
    'field.minItems': '至少选择 {limit} 项',
    'field.uniqueItems': '不能有重复项',
    'field.pattern': '格式不正确',
    'field.format': '格式不正确（应为 {format}）',
    'field.type': '类型不正确（应为 {type}）',
    'field.enum': '取值不在允许范围内',
    'field.additionalProperties': '不允许的字段',
    'field.password': '密码至少 10 位，且须同时包含字母和数字',
    'field.phone': '请输入 11 位中国大陆手机号码',
    'field.invalid': '取值无效',
    'field.nul': '不能含有空字符（\\u0000）',
    'field.surrogate': '含有无法识别的字符（不成对的 UTF-16 代理项），请重新输入',
    'field.number-range': '数值超出允许范围',
    'field.json': '不是有效的 JSON（请检查括号、引号和逗号）',
    'field.taken': '已被占用，请换一个',
    'field.after-start': '结束时间须晚于开始时间',
    'field.not-future': '不能晚于当前时间',
  },
  'en-US': {
    'field.required': 'required',
    'field.minLength': 'must be at least {limit} characters',
    'field.maxLength': 'must be at most {limit} characters',
    'field.minimum': 'must be at least {limit}',
    'field.maximum': 'must be at most {limit}',
    'field.minItems': 'choose at least {limit}',
    'field.uniqueItems': 'must not contain duplicates',
    'field.pattern': 'has the wrong format',
    'field.format': 'has the wrong format (expected {format})',
    'field.type': 'has the wrong type (expected {type})',
    'field.enum': 'is not one of the allowed values',
    'field.additionalProperties': 'is not an allowed field',
    'field.password': 'must be at least 10 characters with both letters and digits',
    'field.phone': 'must be an 11-digit mainland China mobile number',
    'field.invalid': 'is not valid',
    'field.nul': 'must not contain the NUL character (\\u0000)',
    'field.surrogate': 'contains an unreadable character (a lone UTF-16 surrogate); please type it again',
    'field.number-range': 'is out of range',
    'field.json': 'is not valid JSON (check brackets, quotes and commas)',
    'field.taken': 'is already taken; please choose another',
    'field.after-start': 'must be later than the start',
    'field.not-future': 'must not be in the future',
  },
};

const moduleFieldProblems = new Map<string, LocalizedText>();

/** Adds a module's field-problem messages (modules/index.ts); a problem code declared twice is a startup error. */
export function declareFieldProblems(owner: string, problems: Readonly<Record<string, LocalizedText>>): void {
  for (const [code, text] of Object.entries(problems)) {
    const key = `field.${code}`;
    const existing = moduleFieldProblems.get(key);
    if ((existing && existing !== text) || key in messages[DEFAULT_LOCALE])
      throw new Error(`field problem ${code} of ${owner} is declared twice`);
    moduleFieldProblems.set(key, text);
  }
}

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function translate(locale: Locale, key: string, params: Params = {}): string {
  const declaration = errorDeclarationOf(key);
  const template =
    declaration?.[locale] ??
    moduleFieldProblems.get(key)?.[locale] ??
    messages[locale][key] ??
    messages[DEFAULT_LOCALE][key] ??
    key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks zh-CN or en-US from an Accept-Language header; Chinese is the default. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
