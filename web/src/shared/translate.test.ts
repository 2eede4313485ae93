import { HANDLING_LEVEL_LABELS } from '@yiwang/contracts/vocabulary';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, labelEntries, localName, translator } from './translate';

describe('translate', () => {
  const t = translator({
    'zh-CN': { hello: '你好，{name}', plain: '无' },
    'en-US': { hello: 'Hello, {name}', plain: 'none' },
  });

  it('looks up the key in the locale and fills placeholders', () => {
    expect(t('zh-CN', 'hello', { name: '张三' })).toBe('你好，张三');
    expect(t('en-US', 'hello', { name: 'Li' })).toBe('Hello, Li');
    expect(t('en-US', 'plain')).toBe('none');
  });

  it('leaves an unknown placeholder as written, and fills numbers and zero', () => {
    expect(fillPlaceholders('{a} of {b}', { a: 0 })).toBe('0 of {b}');
    expect(fillPlaceholders('{a}', undefined)).toBe('{a}');
  });

  it('names vocabulary members in a dictionary under a prefix', () => {
    expect(labelEntries('level', HANDLING_LEVEL_LABELS, 'en-US')).toEqual({
      'level.community': 'Community',
      'level.town': 'Town',
      'level.city': 'City',
    });
  });

  it('picks the English name only when reading English and there is one', () => {
    expect(localName('en-US', { name: '澄江街道', nameEn: 'Chengjiang' })).toBe('Chengjiang');
    expect(localName('en-US', { name: '澄江街道', nameEn: '' })).toBe('澄江街道');
    expect(localName('zh-CN', { name: '澄江街道', nameEn: 'Chengjiang' })).toBe('澄江街道');
  });
});
