import { describe, expect, it } from 'vitest';
import { menuLabel } from './desk-module';
import { translate } from './i18n/translate';

describe('menuLabel', () => {
  it("reads a module's own label in the reader's language, with no desk dictionary entry", () => {
    const label = { 'zh-CN': '示例', 'en-US': 'Example' };
    expect(menuLabel(label, 'zh-CN', (key) => translate('zh-CN', key))).toBe('示例');
    expect(menuLabel(label, 'en-US', (key) => translate('en-US', key))).toBe('Example');
  });

  it('reads a desk dictionary key as before', () => {
    expect(menuLabel('nav.units', 'en-US', (key) => translate('en-US', key))).toBe('Units');
  });
});
