import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from './crs.js';
import type { Position } from './types.js';

/** Rough ground distance in metres between two nearby points. */
function metresBetween([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const k = Math.PI / 180;
  return Math.hypot((lon2 - lon1) * k * Math.cos(lat1 * k), (lat2 - lat1) * k) * 6_371_000;
}

describe('toWgs84', () => {
  const jiangyin: Position = [120.2853, 31.9208];

  it('passes WGS84 and CGCS2000 through unchanged, as a copy', () => {
    for (const crs of ['WGS84', 'CGCS2000'] as const) {
      const out = toWgs84(jiangyin, crs);
      expect(out).toEqual(jiangyin);
      expect(out).not.toBe(jiangyin);
    }
  });

  it('undoes the GCJ02 offset of a point in Jiangyin to within 0.1 m', () => {
    const gcj02 = gcoord.transform<[number, number]>([...jiangyin], gcoord.WGS84, gcoord.GCJ02);
    const offset = metresBetween(jiangyin, gcj02);
    expect(offset).toBeGreaterThan(100); // the offset is real: hundreds of metres
    expect(offset).toBeLessThan(1000);
    expect(metresBetween(toWgs84(gcj02, 'GCJ02'), jiangyin)).toBeLessThan(0.1);
  });

  it('undoes the BD09 offset of a point in Jiangyin to within 0.1 m', () => {
    const bd09 = gcoord.transform<[number, number]>([...jiangyin], gcoord.WGS84, gcoord.BD09);
    expect(metresBetween(jiangyin, bd09)).toBeGreaterThan(500);
    expect(metresBetween(toWgs84(bd09, 'BD09'), jiangyin)).toBeLessThan(0.1);
  });

  it('does not modify its input', () => {
    const input: Position = [120.29, 31.91];
    toWgs84(input, 'GCJ02');
    toWgs84(input, 'BD09');
    expect(input).toEqual([120.29, 31.91]);
  });
});
