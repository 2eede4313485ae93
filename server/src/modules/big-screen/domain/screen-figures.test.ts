import { describe, expect, it } from 'vitest';
import { lastDays, shouldAudit, sumRates, trendOf } from './screen-figures.js';

describe('screen figures', () => {
  it('lists the last days oldest first, across a month end', () => {
    expect(lastDays('2026-03-02', 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('fills days without cases with zeros', () => {
    expect(trendOf(['2026-03-01', '2026-03-02'], [{ day: '2026-03-02', n: 3 }], [{ day: '2026-03-01', n: 1 }])).toEqual(
      [
        { day: '2026-03-01', reported: 0, closed: 1 },
        { day: '2026-03-02', reported: 3, closed: 0 },
      ],
    );
  });

  it('sums rates of several groups; nothing counted is null, not 0', () => {
    expect(
      sumRates([
        { numerator: 1, denominator: 2 },
        { numerator: 2, denominator: 2 },
      ]),
    ).toEqual({
      numerator: 3,
      denominator: 4,
      value: 0.75,
    });
    expect(sumRates([{ numerator: 0, denominator: null }]).value).toBeNull();
  });

  it('audits a viewer’s first read, then once per interval, and keeps the memory bounded', () => {
    const seen = new Map<string, number>();
    expect(shouldAudit(seen, 'a', 0, 1000)).toBe(true);
    expect(shouldAudit(seen, 'a', 500, 1000)).toBe(false);
    expect(shouldAudit(seen, 'a', 1000, 1000)).toBe(true);
    for (let i = 0; i < 50; i++) shouldAudit(seen, `v${i}`, 1500, 1000, 10);
    expect(seen.size).toBeLessThanOrEqual(10);
  });
});
