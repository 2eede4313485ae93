import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, translate } from './i18n.js';

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['zh-TW,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['de;q=0.9,en-GB;q=0.7', 'en-US'],
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe('translate', () => {
  it('fills parameters in both locales', () => {
    expect(translate('zh-CN', 'rate-limited', { seconds: 30 })).toContain('30 秒');
    expect(translate('en-US', 'field.maxLength', { limit: 64 })).toBe('must be at most 64 characters');
  });
});
