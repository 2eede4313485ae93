import { describe, expect, it } from 'vitest';
import { quarterOf, quarterRange } from './quarter.js';

describe('quarters of the service record', () => {
  it('span three months, the fourth into the next year', () => {
    expect(quarterRange('2026-Q1')).toEqual({ quarter: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
    expect(quarterRange('2026-Q3')).toEqual({ quarter: '2026-Q3', from: '2026-07-01', to: '2026-10-01' });
    expect(quarterRange('2026-Q4')).toEqual({ quarter: '2026-Q4', from: '2026-10-01', to: '2027-01-01' });
    expect(quarterRange('2026-Q5')).toBeNull();
    expect(quarterRange('2026Q1')).toBeNull();
  });

  it('name the quarter of a day', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-11-15')).toBe('2026-Q4');
  });
});
