import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and spreads values over [0, 1)', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const tenths = Array.from({ length: 10 }, (_, k) => values.filter((v) => Math.floor(v * 10) === k).length);
    for (const count of tenths) expect(count).toBeGreaterThan(900);
    expect(createSeededRandom(43)()).not.toBe(createSeededRandom(42)());
  });
});
