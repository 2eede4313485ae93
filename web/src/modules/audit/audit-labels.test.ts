import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, LOCALES } from '@yiwang/contracts/vocabulary';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditObjectTypeLabel } from './audit-labels';

describe('the audit page names every action the server records', () => {
  it.each(LOCALES)('in %s, never by its code', (locale) => {
    const unnamed = AUDIT_ACTIONS.filter((action) => {
      const label = auditActionLabel(action, locale);
      return label === action || label.trim() === '';
    });
    expect(unnamed).toEqual([]);
    expect(AUDIT_OBJECT_TYPES.filter((type) => auditObjectTypeLabel(type, locale) === type)).toEqual([]);
  });

  it('shows an action of older rows that the list no longer has by its code', () => {
    expect(auditActionLabel('case.renamed-long-ago', 'zh-CN')).toBe('case.renamed-long-ago');
  });
});
