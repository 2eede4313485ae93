import { describe, expect, it } from 'vitest';
import { LOCALES } from '../roles.js';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_OBJECT_TYPE_LABELS, AUDIT_OBJECT_TYPES } from './audit-actions.js';
import { CASE_EVENT_LABELS, CASE_EVENT_TYPES } from './case-events.js';
import type { Labels } from './text.js';

/** Members whose label is missing, blank or just the code, in either language. */
function unnamed<K extends string>(list: readonly K[], labels: Labels<K>): string[] {
  return list.flatMap((member) =>
    LOCALES.filter((locale) => {
      const text = labels[member]?.[locale]?.trim() ?? '';
      return text === '' || text === member;
    }).map((locale) => `${member} (${locale})`),
  );
}

describe('the words of timeline events and audit actions', () => {
  it('names every timeline event kind in both languages', () => {
    expect(unnamed(CASE_EVENT_TYPES, CASE_EVENT_LABELS)).toEqual([]);
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
  });

  it('names every audit action and object kind in both languages', () => {
    expect(unnamed(AUDIT_ACTIONS, AUDIT_ACTION_LABELS)).toEqual([]);
    expect(unnamed(AUDIT_OBJECT_TYPES, AUDIT_OBJECT_TYPE_LABELS)).toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it('has no label for a kind that is not listed', () => {
    expect(Object.keys(CASE_EVENT_LABELS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
