import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../platform/seeded-random.js';
import { orientation, segmentContact } from './segments.js';

describe('orientation', () => {
  it('tells left, right and collinear for plain input', () => {
    expect(orientation(0, 0, 1, 0, 0.5, 1)).toBe(1);
    expect(orientation(0, 0, 1, 0, 0.5, -1)).toBe(-1);
    expect(orientation(0, 0, 1, 1, 3, 3)).toBe(0);
  });

  it('is exact where the float cross product is not', () => {
    // Points on y = x are exactly collinear whatever their decimals; one ulp off is not.
    const ulp = 2 ** -52 * 0.25; // spacing of doubles in [0.25, 0.5)
    expect(orientation(0.1, 0.1, 0.2, 0.2, 0.3, 0.3)).toBe(0);
    expect(orientation(0.1, 0.1, 0.2, 0.2, 0.3, 0.3 + ulp * 2)).toBe(1);
    expect(orientation(0.1, 0.1, 0.2, 0.2, 0.3, 0.3 - ulp)).toBe(-1);
    // The classic failure (Kettner et al.): (0.5 + x, 0.5 + y) against the line (12,12)–(24,24).
    // The naive formula returns wrong and inconsistent signs for some of these; exact signs
    // must depend only on whether y is above, on or below x.
    const step = 2 ** -53;
    for (let i = 0; i < 32; i++) {
      for (let j = 0; j < 32; j++) {
        const px = 0.5 + i * step;
        const py = 0.5 + j * step;
        const expected = py > px ? 1 : py < px ? -1 : 0;
        expect(orientation(12, 12, 24, 24, px, py)).toBe(expected);
      }
    }
  });

  it('stays consistent under permutation for near-collinear points at Jiangyin coordinates', () => {
    const random = createSeededRandom(7);
    for (let n = 0; n < 2000; n++) {
      const ax = 120 + random() * 0.5;
      const ay = 31.6 + random() * 0.4;
      const bx = 120 + random() * 0.5;
      const by = 31.6 + random() * 0.4;
      const t = random();
      // A point on segment a–b up to rounding: the cases a naive test gets wrong.
      const cx = ax + (bx - ax) * t;
      const cy = ay + (by - ay) * t;
      const o = orientation(ax, ay, bx, by, cx, cy);
      expect(orientation(bx, by, cx, cy, ax, ay)).toBe(o);
      expect(orientation(cx, cy, ax, ay, bx, by)).toBe(o);
      expect(orientation(bx, by, ax, ay, cx, cy)).toBe(-o || 0);
    }
  });
});

describe('segmentContact', () => {
  it('classifies crossings, touches, overlaps and misses', () => {
    expect(segmentContact(0, 0, 2, 2, 0, 2, 2, 0)).toBe('cross');
    expect(segmentContact(0, 0, 2, 2, 2, 2, 3, 0)).toBe('touch'); // shared endpoint
    expect(segmentContact(0, 0, 2, 0, 1, 0, 1, 5)).toBe('touch'); // T: endpoint on the other's interior
    expect(segmentContact(0, 0, 2, 0, 1, 1, 1, 5)).toBe('none'); // T that stops short
    expect(segmentContact(0, 0, 2, 0, 1, 0, 3, 0)).toBe('overlap');
    expect(segmentContact(0, 0, 2, 0, 2, 0, 3, 0)).toBe('touch'); // collinear, end to end
    expect(segmentContact(0, 0, 2, 0, 2.5, 0, 3, 0)).toBe('none'); // collinear, apart
    expect(segmentContact(0, 0, 2, 0, 0, 1, 2, 1)).toBe('none'); // parallel
    expect(segmentContact(5, 0, 5, 4, 5, 3, 5, 9)).toBe('overlap'); // vertical
    expect(segmentContact(0, 0, 4, 4, 1, 1, 2, 2)).toBe('overlap'); // one inside the other
  });

  it('sees a vertex lying exactly on a diagonal edge of a 1/1024°-quantised boundary', () => {
    // The county outline is quantised to 1/1024°; such vertices land exactly on other edges.
    const q = 1 / 1024;
    const [ax, ay, bx, by] = [120 + 3 * q, 31.75 + 5 * q, 120 + 403 * q, 31.75 + 105 * q];
    const [mx, my] = [120 + 303 * q, 31.75 + 80 * q]; // three quarters of the way along
    expect(orientation(ax, ay, bx, by, mx, my)).toBe(0);
    expect(segmentContact(ax, ay, bx, by, mx, my, mx + 0.01, my - 0.05)).toBe('touch');
    expect(segmentContact(ax, ay, bx, by, mx, my + q / 4096, mx + 0.01, my + 0.05)).toBe('none');
  });
});
