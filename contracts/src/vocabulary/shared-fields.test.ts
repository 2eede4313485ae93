import { describe, expect, it } from 'vitest';
import { SHAREABLE_FIELD_LABELS, SHAREABLE_FIELDS, SHARED_RECORD_KINDS, sharedFieldText } from './registry.js';

describe('the shared fields as a department reads them', () => {
  it('names every field a grant can name, in both languages', () => {
    const fields = new Set(SHARED_RECORD_KINDS.flatMap((kind) => [...SHAREABLE_FIELDS[kind]]));
    expect(Object.keys(SHAREABLE_FIELD_LABELS).sort()).toEqual([...fields].sort());
    for (const label of Object.values(SHAREABLE_FIELD_LABELS)) {
      expect(label['zh-CN'].trim()).not.toBe('');
      expect(label['en-US'].trim()).not.toBe('');
    }
  });

  it('shows codes by their labels, tags joined, a point as lon, lat, nothing as empty', () => {
    expect(sharedFieldText('person', 'sex', 'female', 'zh-CN')).toBe('女');
    expect(sharedFieldText('person', 'tags', ['elderly_alone'], 'zh-CN')).toBe('独居老人');
    expect(sharedFieldText('dwelling', 'use', 'group_rented', 'en-US')).toBe('Group-rented');
    expect(sharedFieldText('facility', 'point', { lon: 120.28, lat: 31.9 }, 'zh-CN')).toBe('120.28, 31.9');
    expect(sharedFieldText('person', 'name', '张伟', 'zh-CN')).toBe('张伟');
    expect(sharedFieldText('household', 'memberCount', 3, 'zh-CN')).toBe('3');
    expect(sharedFieldText('person', 'phone', null, 'zh-CN')).toBe('');
    // A code the tables do not know is shown as it is, not dropped.
    expect(sharedFieldText('person', 'sex', 'unknown-code', 'zh-CN')).toBe('unknown-code');
  });
});
