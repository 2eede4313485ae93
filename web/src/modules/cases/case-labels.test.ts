import { CASE_EVENT_TYPES, LOCALES } from '@yiwang/contracts/vocabulary';
import { describe, expect, it } from 'vitest';
import { eventLabel } from './case-labels';
import { casesDictionaries } from './cases-messages';

describe('the case timeline names every kind of event', () => {
  it.each(LOCALES)('in %s, never by its code', (locale) => {
    const dictionary: Record<string, string> = casesDictionaries[locale];
    const t = (key: string) => dictionary[key] ?? key;
    const unnamed = CASE_EVENT_TYPES.filter((type) => {
      const label = eventLabel(t, type);
      return label === type || label.trim() === '';
    });
    expect(unnamed).toEqual([]);
  });
});
