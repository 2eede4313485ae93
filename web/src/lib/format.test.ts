import { describe, expect, it } from 'vitest';
import { chinaDay, formatClock, formatDateTime, formatDateTimeSeconds } from './format';

describe('desk dates in China time, whatever the browser’s zone', () => {
  it('shows a UTC evening as the next China morning', () => {
    // 17:45:09 UTC on 3 December is 01:45:09 on 4 December in Beijing (UTC+8, no DST).
    expect(formatDateTime('2026-12-03T17:45:09.000Z')).toBe('2026-12-04 01:45');
    expect(formatDateTimeSeconds('2026-12-03T17:45:09.000Z')).toBe('2026-12-04 01:45:09');
    expect(formatClock('2026-12-03T17:45:09.000Z')).toBe('01:45');
    expect(chinaDay(Date.parse('2026-12-03T15:59:59.999Z'))).toBe('2026-12-03');
    expect(chinaDay(Date.parse('2026-12-03T16:00:00.000Z'))).toBe('2026-12-04');
  });

  it('shows a dash for nothing or for text that is not a time', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatClock(undefined)).toBe('—');
  });
});
