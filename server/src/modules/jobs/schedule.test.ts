import { describe, expect, it } from 'vitest';
import { MAX_RETRY_DELAY_MS, nextRunAfterSuccess, retryDelayMs, wakeDelayMs } from './schedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('nextRunAfterSuccess', () => {
  it('keeps the rhythm of the start times', () => {
    expect(nextRunAfterSuccess(1_000, 1_300, 5_000)).toBe(6_000);
  });
  it('runs again at once after a run longer than the interval', () => {
    expect(nextRunAfterSuccess(1_000, 9_000, 5_000)).toBe(9_000);
  });
});

describe('retryDelayMs', () => {
  it('retries a frequent job at the next tick, then backs off by doubling up to five minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(7, 5_000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1_000, 5_000)).toBe(MAX_RETRY_DELAY_MS);
  });
  it('retries a job slower than the cap at its own interval', () => {
    expect(retryDelayMs(1, HOUR)).toBe(HOUR);
    expect(retryDelayMs(5, HOUR)).toBe(HOUR);
  });
  it('treats zero failures like the first', () => {
    expect(retryDelayMs(0, 5_000)).toBe(5_000);
  });
});

describe('wakeDelayMs', () => {
  it('sleeps until the job is due, never longer than an interval', () => {
    expect(wakeDelayMs(10_000, 7_000, 5_000)).toBe(3_000);
    expect(wakeDelayMs(100_000, 7_000, 5_000)).toBe(5_000);
  });
  it('looks again in an interval at a job due but held by another process', () => {
    expect(wakeDelayMs(1_000, 7_000, 5_000)).toBe(5_000);
    expect(wakeDelayMs(7_000, 7_000, 5_000)).toBe(5_000);
  });
  it('waits an interval when the due time is unknown (the row could not be read)', () => {
    expect(wakeDelayMs(null, 7_000, 5_000)).toBe(5_000);
  });
});
